using Npgsql;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Storage;

public sealed class PostgresServerTests(PostgresServer server)
{
    [Fact]
    public async Task CreateDatabase_Returns_A_Separate_Empty_Database_Each_Time()
    {
        // Arrange
        string first = server.CreateDatabase();
        string second = server.CreateDatabase();

        try
        {
            // Act
            await using var one = new NpgsqlConnection(first);
            await one.OpenAsync(TestContext.Current.CancellationToken);
            await using (var create = new NpgsqlCommand("CREATE TABLE only_here (id int)", one))
            {
                await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            await using var two = new NpgsqlConnection(second);
            await two.OpenAsync(TestContext.Current.CancellationToken);
            await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'only_here'", two);
            long tablesInSecond = (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            await using var version = new NpgsqlCommand("SELECT version()", two);
            string? serverVersion = (string?)await version.ExecuteScalarAsync(TestContext.Current.CancellationToken);

            // Assert
            Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);
            Assert.Equal(0, tablesInSecond);
            Assert.StartsWith("PostgreSQL", serverVersion, StringComparison.Ordinal);
        }
        finally
        {
            server.DropDatabase(first);
            server.DropDatabase(second);
        }
    }
}

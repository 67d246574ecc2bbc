using Paperboy.Scheduler;
using Paperboy.Subscribers;
using Xunit;

namespace Paperboy.Tests.Scheduler;

public sealed class DigestScheduleTests
{
    private const string Berlin = "Europe/Berlin";
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

    private static Subscriber Daily(string timeZone, int hour) =>
        new(1, "ada@example.com", SubscriberStatus.Active, DigestFrequency.Daily, timeZone, hour, ["graph"]);

    private static Subscriber Weekly(string timeZone, int hour) =>
        new(2, "bob@example.com", SubscriberStatus.Active, DigestFrequency.Weekly, timeZone, hour, ["graph"]);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>Every 15 minutes from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive): the instant and the period due then.</summary>
    private static List<(DateTimeOffset Instant, string Period)> DueSteps(Subscriber subscriber, DateTimeOffset from, DateTimeOffset to)
    {
        var due = new List<(DateTimeOffset Instant, string Period)>();
        for (DateTimeOffset instant = from; instant < to; instant += Step)
        {
            if (DigestSchedule.DuePeriod(subscriber, instant, DayOfWeek.Monday) is { } period)
            {
                due.Add((instant, period));
            }
        }

        return due;
    }

    [Fact]
    public void DuePeriod_Returns_Null_When_It_Is_Before_The_Local_Delivery_Hour()
    {
        // Arrange: 05:59 UTC is 06:59 in Berlin in winter (UTC+1).
        Subscriber subscriber = Daily(Berlin, 7);

        // Act
        string? period = DigestSchedule.DuePeriod(subscriber, Utc(2026, 1, 15, 5, 59), DayOfWeek.Monday);

        // Assert
        Assert.Null(period);
    }

    [Fact]
    public void DuePeriod_Returns_Local_Date_When_The_Local_Delivery_Hour_Has_Come()
    {
        // Arrange: 06:00 UTC is 07:00 in Berlin in winter.
        Subscriber subscriber = Daily(Berlin, 7);

        // Act
        string? period = DigestSchedule.DuePeriod(subscriber, Utc(2026, 1, 15, 6, 0), DayOfWeek.Monday);

        // Assert
        Assert.Equal("2026-01-15", period);
    }

    [Fact]
    public void DuePeriod_Stays_Due_Until_Local_Midnight_When_The_Delivery_Hour_Has_Passed()
    {
        // Arrange: 22:59 UTC is 23:59 in Berlin; 23:00 UTC is already 00:00 the next day.
        Subscriber subscriber = Daily(Berlin, 7);

        // Act
        string? lastMinute = DigestSchedule.DuePeriod(subscriber, Utc(2026, 1, 15, 22, 59), DayOfWeek.Monday);
        string? nextDay = DigestSchedule.DuePeriod(subscriber, Utc(2026, 1, 15, 23, 0), DayOfWeek.Monday);

        // Assert
        Assert.Equal("2026-01-15", lastMinute);
        Assert.Null(nextDay);
    }

    [Fact]
    public void DuePeriod_Uses_Local_Date_When_The_Zone_Is_Already_In_The_Next_Day()
    {
        // Arrange: 22:00 UTC on 15 January is 07:00 on 16 January in Tokyo (UTC+9).
        Subscriber subscriber = Daily("Asia/Tokyo", 7);

        // Act
        string? period = DigestSchedule.DuePeriod(subscriber, Utc(2026, 1, 15, 22, 0), DayOfWeek.Monday);

        // Assert
        Assert.Equal("2026-01-16", period);
    }

    [Fact]
    public void DuePeriod_Is_Not_Due_When_The_Utc_Hour_Has_Passed_But_The_Local_Hour_Has_Not()
    {
        // Arrange: 20:00 UTC is 05:00 the next day in Tokyo, before the 07:00 delivery hour.
        Subscriber subscriber = Daily("Asia/Tokyo", 7);

        // Act
        string? period = DigestSchedule.DuePeriod(subscriber, Utc(2026, 1, 15, 20, 0), DayOfWeek.Monday);

        // Assert
        Assert.Null(period);
    }

    [Fact]
    public void DuePeriod_Uses_Local_Date_When_The_Zone_Is_Still_In_The_Previous_Day()
    {
        // Arrange: 03:00 UTC on 16 January is 19:00 on 15 January in Los Angeles (UTC-8).
        Subscriber subscriber = Daily("America/Los_Angeles", 7);

        // Act
        string? period = DigestSchedule.DuePeriod(subscriber, Utc(2026, 1, 16, 3, 0), DayOfWeek.Monday);

        // Assert
        Assert.Equal("2026-01-15", period);
    }

    [Fact]
    public void DuePeriod_Uses_Summer_Offset_When_Daylight_Saving_Time_Is_In_Effect()
    {
        // Arrange: in July Berlin is UTC+2, so 07:00 local is 05:00 UTC.
        Subscriber subscriber = Daily(Berlin, 7);

        // Act
        string? before = DigestSchedule.DuePeriod(subscriber, Utc(2026, 7, 1, 4, 59), DayOfWeek.Monday);
        string? at = DigestSchedule.DuePeriod(subscriber, Utc(2026, 7, 1, 5, 0), DayOfWeek.Monday);

        // Assert
        Assert.Null(before);
        Assert.Equal("2026-07-01", at);
    }

    [Theory]
    [InlineData(0, 96, 92, 96)]
    [InlineData(2, 88, 84, 88)]
    [InlineData(7, 68, 68, 68)]
    [InlineData(23, 4, 4, 4)]
    public void DuePeriod_Yields_One_Period_Per_Local_Day_When_Clocks_Go_Forward(int hour, int dueStepsBefore, int dueStepsOnChange, int dueStepsAfter)
    {
        // Arrange: 28 March 00:00 CET to 31 March 00:00 CEST; clocks go from 02:00 to 03:00 on 29 March 2026.
        Subscriber subscriber = Daily(Berlin, hour);

        // Act
        List<(DateTimeOffset Instant, string Period)> due = DueSteps(subscriber, Utc(2026, 3, 27, 23), Utc(2026, 3, 30, 22));

        // Assert
        Dictionary<string, int> stepsPerPeriod = due.GroupBy(d => d.Period).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["2026-03-28", "2026-03-29", "2026-03-30"], stepsPerPeriod.Keys);
        Assert.Equal(dueStepsBefore, stepsPerPeriod["2026-03-28"]);
        Assert.Equal(dueStepsOnChange, stepsPerPeriod["2026-03-29"]);
        Assert.Equal(dueStepsAfter, stepsPerPeriod["2026-03-30"]);
    }

    [Theory]
    [InlineData(0, 96, 100, 96)]
    [InlineData(2, 88, 92, 88)]
    [InlineData(3, 84, 84, 84)]
    [InlineData(7, 68, 68, 68)]
    public void DuePeriod_Yields_One_Period_Per_Local_Day_When_Clocks_Go_Back(int hour, int dueStepsBefore, int dueStepsOnChange, int dueStepsAfter)
    {
        // Arrange: 24 October 00:00 CEST to 27 October 00:00 CET; clocks go from 03:00 back to 02:00 on 25 October 2026.
        Subscriber subscriber = Daily(Berlin, hour);

        // Act
        List<(DateTimeOffset Instant, string Period)> due = DueSteps(subscriber, Utc(2026, 10, 23, 22), Utc(2026, 10, 26, 23));

        // Assert
        Dictionary<string, int> stepsPerPeriod = due.GroupBy(d => d.Period).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["2026-10-24", "2026-10-25", "2026-10-26"], stepsPerPeriod.Keys);
        Assert.Equal(dueStepsBefore, stepsPerPeriod["2026-10-24"]);
        Assert.Equal(dueStepsOnChange, stepsPerPeriod["2026-10-25"]);
        Assert.Equal(dueStepsAfter, stepsPerPeriod["2026-10-26"]);
    }

    [Fact]
    public void DuePeriod_Keeps_One_Period_Through_The_Repeated_Hour_When_Clocks_Go_Back()
    {
        // Arrange: 00:00 and 01:00 UTC on 25 October 2026 are both 02:00 in Berlin (CEST, then CET).
        Subscriber subscriber = Daily(Berlin, 2);

        // Act
        List<(DateTimeOffset Instant, string Period)> due = DueSteps(subscriber, Utc(2026, 10, 24, 23), Utc(2026, 10, 25, 23));

        // Assert
        Assert.Equal(Utc(2026, 10, 25, 0), due[0].Instant);
        Assert.Equal(Utc(2026, 10, 25, 22, 45), due[^1].Instant);
        Assert.All(due, d => Assert.Equal("2026-10-25", d.Period));
    }

    [Fact]
    public void DuePeriod_Becomes_Due_After_The_Skipped_Hour_When_The_Delivery_Hour_Does_Not_Exist()
    {
        // Arrange: 02:00 does not exist in Berlin on 29 March 2026; 01:00 UTC is 03:00 CEST.
        Subscriber subscriber = Daily(Berlin, 2);

        // Act
        List<(DateTimeOffset Instant, string Period)> due = DueSteps(subscriber, Utc(2026, 3, 28, 23), Utc(2026, 3, 29, 22));

        // Assert
        Assert.Equal(Utc(2026, 3, 29, 1), due[0].Instant);
        Assert.Equal(Utc(2026, 3, 29, 21, 45), due[^1].Instant);
        Assert.All(due, d => Assert.Equal("2026-03-29", d.Period));
    }

    [Fact]
    public void DuePeriod_Returns_Iso_Week_When_A_Weekly_Subscriber_Reaches_The_Weekday_And_Hour()
    {
        // Arrange: Friday 27 November 2026, 06:00 UTC is 07:00 in Berlin.
        Subscriber subscriber = Weekly(Berlin, 7);

        // Act
        string? period = DigestSchedule.DuePeriod(subscriber, Utc(2026, 11, 27, 6, 0), DayOfWeek.Friday);

        // Assert
        Assert.Equal("2026-W48", period);
    }

    [Fact]
    public void DuePeriod_Uses_The_Subscribers_Own_Weekday_When_They_Chose_One()
    {
        // Arrange: the service's day is Monday; this subscriber chose Thursday. Week 48 of 2026 runs 23-29 November.
        Subscriber subscriber = Weekly(Berlin, 7) with { WeeklyDay = DayOfWeek.Thursday };

        // Act
        List<(DateTimeOffset Instant, string Period)> due = DueSteps(subscriber, Utc(2026, 11, 23, 0, 0), Utc(2026, 11, 29, 23, 0));

        // Assert: due from Thursday 07:00 Berlin (06:00 UTC) to the end of the ISO week, and never on Monday.
        Assert.Equal(Utc(2026, 11, 26, 6, 0), due[0].Instant);
        Assert.All(due, d => Assert.Equal("2026-W48", d.Period));
        Assert.Null(DigestSchedule.DuePeriod(Weekly(Berlin, 7) with { WeeklyDay = DayOfWeek.Thursday }, Utc(2026, 11, 23, 12, 0), DayOfWeek.Monday));
        Assert.Equal("2026-W48", DigestSchedule.DuePeriod(Weekly(Berlin, 7), Utc(2026, 11, 23, 12, 0), DayOfWeek.Monday));
    }

    [Fact]
    public void DuePeriod_Waits_For_Next_Weeks_Day_When_The_Subscriber_Became_Weekly_After_This_Weeks_Delivery()
    {
        // Arrange: weekly on Mondays at 07:00 Berlin since Saturday 28 November 2026, 15:00 UTC (signed up or switched then).
        Subscriber subscriber = Weekly(Berlin, 7) with { ScheduleSince = Utc(2026, 11, 28, 15, 0) };

        // Act
        List<(DateTimeOffset Instant, string Period)> due = DueSteps(subscriber, Utc(2026, 11, 28, 15, 0), Utc(2026, 12, 1, 0, 0));

        // Assert: nothing for the rest of week 48; week 49's digest from Monday 30 November, 07:00 Berlin (06:00 UTC).
        Assert.Equal(Utc(2026, 11, 30, 6, 0), due[0].Instant);
        Assert.All(due, d => Assert.Equal("2026-W49", d.Period));
    }

    [Theory]
    [InlineData(23, 5, 59)]
    [InlineData(20, 12, 0)]
    public void DuePeriod_Keeps_This_Weeks_Digest_When_The_Subscriber_Was_Weekly_Before_Its_Delivery(int day, int hour, int minute)
    {
        // Arrange: weekly since just before Monday 23 November's 07:00 Berlin (05:59 UTC), or since the week before.
        Subscriber subscriber = Weekly(Berlin, 7) with { ScheduleSince = Utc(2026, 11, day, hour, minute) };

        // Act: Saturday of that week, after a downtime.
        string? period = DigestSchedule.DuePeriod(subscriber, Utc(2026, 11, 28, 15, 0), DayOfWeek.Monday);

        // Assert
        Assert.Equal("2026-W48", period);
    }

    [Fact]
    public void DuePeriod_Returns_Null_When_A_Weekly_Subscriber_Is_On_The_Weekday_Before_The_Hour()
    {
        // Arrange: Friday 27 November 2026, 05:59 UTC is 06:59 in Berlin.
        Subscriber subscriber = Weekly(Berlin, 7);

        // Act
        string? period = DigestSchedule.DuePeriod(subscriber, Utc(2026, 11, 27, 5, 59), DayOfWeek.Friday);

        // Assert
        Assert.Null(period);
    }

    [Theory]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(25)]
    [InlineData(26)]
    public void DuePeriod_Returns_Null_When_A_Weekly_Subscriber_Is_Before_The_Weekday_Within_The_Week(int day)
    {
        // Arrange: Monday 23 to Thursday 26 November 2026, late in the day.
        Subscriber subscriber = Weekly(Berlin, 7);

        // Act
        string? period = DigestSchedule.DuePeriod(subscriber, Utc(2026, 11, day, 20, 0), DayOfWeek.Friday);

        // Assert
        Assert.Null(period);
    }

    [Theory]
    [InlineData(28)]
    [InlineData(29)]
    public void DuePeriod_Stays_Due_With_The_Same_Week_When_The_Weekday_Has_Passed(int day)
    {
        // Arrange: Saturday 28 and Sunday 29 November 2026, before the delivery hour.
        Subscriber subscriber = Weekly(Berlin, 7);

        // Act
        string? period = DigestSchedule.DuePeriod(subscriber, Utc(2026, 11, day, 1, 0), DayOfWeek.Friday);

        // Assert
        Assert.Equal("2026-W48", period);
    }

    [Fact]
    public void DuePeriod_Returns_Null_When_A_New_Local_Week_Has_Started()
    {
        // Arrange: Sunday 29 November 2026, 23:00 UTC is already Monday 30 November in Berlin (week 49).
        Subscriber subscriber = Weekly(Berlin, 7);

        // Act
        string? period = DigestSchedule.DuePeriod(subscriber, Utc(2026, 11, 29, 23, 0), DayOfWeek.Friday);

        // Assert
        Assert.Null(period);
    }

    [Fact]
    public void DuePeriod_Uses_Local_Weekday_When_The_Zone_Is_Ahead_Of_Utc()
    {
        // Arrange: Thursday 26 November 2026, 23:00 UTC is Friday 27 November, 08:00 in Tokyo.
        Subscriber subscriber = Weekly("Asia/Tokyo", 7);

        // Act
        string? period = DigestSchedule.DuePeriod(subscriber, Utc(2026, 11, 26, 23, 0), DayOfWeek.Friday);

        // Assert
        Assert.Equal("2026-W48", period);
    }

    [Fact]
    public void DuePeriod_Uses_Iso_Week_Year_When_The_Week_Spans_New_Year()
    {
        // Arrange: Friday 1 January 2027 belongs to ISO week 53 of 2026.
        Subscriber subscriber = Weekly(Berlin, 7);

        // Act
        string? period = DigestSchedule.DuePeriod(subscriber, Utc(2027, 1, 1, 12, 0), DayOfWeek.Friday);

        // Assert
        Assert.Equal("2026-W53", period);
    }

    [Fact]
    public void DuePeriod_Pads_Week_Number_When_It_Has_One_Digit()
    {
        // Arrange: Monday 5 January 2026 is in ISO week 2.
        Subscriber subscriber = Weekly("UTC", 7);

        // Act
        string? period = DigestSchedule.DuePeriod(subscriber, Utc(2026, 1, 5, 7, 0), DayOfWeek.Monday);

        // Assert
        Assert.Equal("2026-W02", period);
    }
}

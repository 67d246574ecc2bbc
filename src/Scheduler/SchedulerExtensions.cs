using Microsoft.Extensions.Options;
using Paperboy.Papers;
using Paperboy.Storage;
using Quartz;

namespace Paperboy.Scheduler;

public static class SchedulerExtensions
{
    public static WebApplicationBuilder AddScheduler(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider == DatabaseProvider.Postgres)
        {
            // Several nodes send: the per-second pace is kept in the database for all of them. It paces real
            // seconds, whatever clock the scheduler is given.
            builder.Services.AddSingleton(sp => new SharedPace(sp.GetRequiredService<ConnectionFactory>(), TimeProvider.System));
        }

        builder.Services.AddSingleton<DeliveryLimits>();
        builder.Services.AddOptions<DkimOptions>().BindConfiguration(DkimOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MessageSealer>();

        builder.Services.AddSingleton<PickupDirectoryTransport>();
        builder.Services.AddSingleton<SmtpTransport>();
        builder.Services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.Transport == MailTransportKind.Smtp
            ? sp.GetRequiredService<SmtpTransport>()
            : sp.GetRequiredService<PickupDirectoryTransport>());
        builder.Services.AddSingleton<DigestStore>();
        builder.Services.AddSingleton<OutboxStore>();
        builder.Services.AddSingleton<DigestComposer>();
        builder.Services.AddSingleton<SubscriberRanking>();
        builder.Services.AddSingleton<PlanLeases>();
        builder.Services.AddSingleton<DigestPlanner>();
        builder.Services.AddSingleton<MissedDigestReporter>();
        builder.Services.AddSingleton<IPapersStoredListener, InstantAlerts>();
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddSingleton<DigestRunner>();
        builder.Services.AddSingleton<SentMessageRetention>();
        builder.Services.AddSingleton<SendDueAnnouncement>();
        builder.Services.AddSingleton<OutboxPump>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxPump>());
        builder.Services.AddSingleton<DigestPreviewer>();

        // The trigger's interval is fixed when the scheduler is built, so it is read here, once.
        TimeSpan interval = builder.Configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>()?.Interval ?? TimeSpan.FromMinutes(5);
        // The schedule lives in the same database as everything else (one thing to back up), so triggers and
        // misfires survive restarts. On SQLite one scheduler per file (Quartz refuses clustering there); on
        // PostgreSQL every node joins one cluster, so each firing runs on exactly one node and a node that stops
        // checking in has its work taken over by the others.
        DatabaseOptions database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        string jobStore = ConnectionFactory.BuildConnectionString(database, builder.Environment.ContentRootPath);
        builder.Services.AddQuartz(quartz =>
        {
            quartz.UsePersistentStore(store =>
            {
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(jobStore);
                    store.UseClustering();
                }
                else
                {
                    store.UseSqlite(jobStore);
                }

                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
            quartz.AddJob<SendDueJob>(job => job.WithIdentity(SendDueJob.Key).StoreDurably());
            quartz.AddTrigger<SendDueJob>(trigger => trigger
                .ForJob(SendDueJob.Key)
                .WithIdentity(SendDueJob.TriggerName)
                .StartNow()
                // Misfire policy: after downtime, run once at once, then keep the interval. Whether a missed
                // digest still goes out is decided by its period (DigestSchedule), not by Quartz.
                .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)));
        });
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // A Quartz firing runs on one node of the cluster; this makes the others join it (see the README).
            builder.Services.AddHostedService<ClusterParticipant>();
        }

        builder.Services.AddHealthChecks()
            .AddQuartz(_ => { })
            .AddCheck<OutboxHealthCheck>("outbox");
        return builder;
    }
}

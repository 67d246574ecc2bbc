using Microsoft.Extensions.Options;
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
        builder.Services.AddSingleton<DigestPlanner>();
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddSingleton<DigestRunner>();
        builder.Services.AddSingleton<OutboxPump>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxPump>());
        builder.Services.AddSingleton<DigestPreviewer>();

        // The trigger's interval is fixed when the scheduler is built, so it is read here, once.
        TimeSpan interval = builder.Configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>()?.Interval ?? TimeSpan.FromMinutes(5);
        builder.Services.AddQuartz(quartz =>
        {
            quartz.AddJob<SendDueJob>(job => job.WithIdentity(SendDueJob.Key));
            quartz.AddTrigger<SendDueJob>(trigger => trigger
                .ForJob(SendDueJob.Key)
                .WithIdentity("send-due-every-interval")
                .StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever()));
        });
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        builder.Services.AddHealthChecks()
            .AddQuartz(_ => { })
            .AddCheck<OutboxHealthCheck>("outbox");
        return builder;
    }
}

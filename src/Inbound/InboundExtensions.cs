using Quartz;

namespace Paperboy.Inbound;

public static class InboundExtensions
{
    public static WebApplicationBuilder AddInbound(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InboundOptions>().BindConfiguration(InboundOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<UnsubscribeMailto>();
        builder.Services.AddSingleton<InboundStore>();
        builder.Services.AddSingleton<InboundProcessor>();
        builder.Services.AddSingleton<IInboundMailboxOpener, InboundMailboxOpener>();
        builder.Services.AddSingleton<InboundPoller>();

        // The trigger's interval is fixed when the scheduler is built, so it is read here, once.
        InboundOptions configured = builder.Configuration.GetSection(InboundOptions.Section).Get<InboundOptions>() ?? new InboundOptions();
        if (configured.Enabled)
        {
            builder.Services.AddQuartz(quartz =>
            {
                quartz.AddJob<PollInboundJob>(job => job.WithIdentity(PollInboundJob.Key).StoreDurably());
                quartz.AddTrigger(trigger => trigger
                    .ForJob(PollInboundJob.Key)
                    .WithIdentity(PollInboundJob.TriggerName)
                    .StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(configured.PollInterval).RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)));
            });
        }

        return builder;
    }
}

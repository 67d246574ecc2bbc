namespace Paperboy.Scheduler;

public sealed record RunReport(IReadOnlyList<PlanOutcome> Plans, IReadOnlyList<DispatchOutcome> Deliveries);

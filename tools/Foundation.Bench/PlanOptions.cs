namespace Foundation.Bench;

/// <summary>Options of the hidden <c>plan</c> verb: the offline upgrade plan from a source .dacpac to a target .dacpac.</summary>
public sealed record PlanOptions(string SourceDacpac, string TargetDacpac, string OutputDirectory);

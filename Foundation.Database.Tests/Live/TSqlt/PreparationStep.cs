namespace Foundation.Database.Tests.Live.TSqlt;

/// <summary>What the harness does about server preparation before installing tSQLt, and why (said in messages).</summary>
public sealed record PreparationStep(PreparationAction Action, string Reason);

namespace Foundation.Database.Tests.Live.TSqlt;

/// <summary>tSQLt's verdict on one test: Result is Success, Failure, Error or Skipped; Message is tSQLt's Msg.</summary>
public sealed record TSqltOutcome(string Result, string Message, IReadOnlyList<string> Printed)
{
    public bool Succeeded => Result == "Success";
}

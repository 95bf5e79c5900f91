namespace Foundation.Database.Tests.Live.TSqlt;

/// <summary>
/// The harness's decision about tSQLt's server preparation, offline: every state a server can be in, with a login that
/// has CONTROL SERVER or not, and a tSQLt folder with or without PrepareServer.sql.
/// </summary>
public sealed class TSqltServerPreparationTests
{
    private const string Folder = "/opt/tSQLt";
    private const string Source = "FOUNDATION_SQL_CONNECTION";

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Decide_DoesNotPrepareAgain_WhenClrIsEnabledAndTheKeyLoginExists(bool controlServer, bool hasScript)
    {
        var step = TSqltServerPreparation.Decide(new ServerReadiness(true, true, controlServer, "tester"), Folder, hasScript, Source);

        Assert.Equal(PreparationAction.AlreadyPrepared, step.Action);
    }

    [Fact]
    public void Decide_RunsPrepareServer_WhenTheServerIsNotPreparedAndTheLoginHasControlServer()
    {
        var step = TSqltServerPreparation.Decide(new ServerReadiness(false, false, true, "sa"), Folder, hasPrepareServerScript: true, Source);

        Assert.Equal(PreparationAction.RunPrepareServer, step.Action);
    }

    [Fact]
    public void Decide_RefusesNamingTheScriptAndTheFolder_WhenPrepareServerSqlIsMissing()
    {
        var step = TSqltServerPreparation.Decide(new ServerReadiness(true, false, true, "sa"), Folder, hasPrepareServerScript: false, Source);

        Assert.Equal(PreparationAction.Refuse, step.Action);
        Assert.Contains("PrepareServer.sql", step.Reason, StringComparison.Ordinal);
        Assert.Contains($"TSQLT_PATH ('{Folder}')", step.Reason, StringComparison.Ordinal);
        Assert.Contains("V1.0.7597", step.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true, "'clr enabled' is 0")]
    [InlineData(false, null, "'clr enabled' is 0")]
    [InlineData(true, false, "the login tSQLtAssemblyKey does not exist")]
    public void Decide_RefusesNamingWhatIsMissingAndThePermission_WhenTheLoginLacksControlServer(bool clrEnabled, bool? keyLogin, string missing)
    {
        var step = TSqltServerPreparation.Decide(new ServerReadiness(clrEnabled, keyLogin, false, "creator"), Folder, hasPrepareServerScript: true, Source);

        Assert.Equal(PreparationAction.Refuse, step.Action);
        Assert.Contains(missing, step.Reason, StringComparison.Ordinal);
        Assert.Contains("CONTROL SERVER", step.Reason, StringComparison.Ordinal);
        Assert.Contains("the login creator does not have", step.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_InstallsWithoutCertainty_WhenClrIsEnabledButTheLoginCannotSeeOtherLogins()
    {
        var step = TSqltServerPreparation.Decide(new ServerReadiness(true, null, false, "creator"), Folder, hasPrepareServerScript: false, Source);

        Assert.Equal(PreparationAction.InstallUnverified, step.Action);
    }

    [Theory]
    [InlineData(10343, "CREATE or ALTER ASSEMBLY for assembly 'tSQLtCLR' with the SAFE or EXTERNAL_ACCESS option failed because the 'clr strict security' option of sp_configure is set to 1.")]
    [InlineData(6263, "Execution of user code in the .NET Framework is disabled. Enable \"clr enabled\" configuration option.")]
    public void ExplainInstallFailure_NamesThePermission_WhenTheServerRefusesTheAssembly(int number, string message)
    {
        var reason = TSqltServerPreparation.ExplainInstallFailure(number, message, new ServerReadiness(true, null, false, "creator"), Source);

        Assert.NotNull(reason);
        Assert.Contains("CONTROL SERVER", reason, StringComparison.Ordinal);
        Assert.Contains("PrepareServer.sql", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainInstallFailure_LeavesOtherErrorsAlone()
    {
        Assert.Null(TSqltServerPreparation.ExplainInstallFailure(2714, "There is already an object named 'tSQLt' in the database.", new ServerReadiness(true, true, true, "sa"), Source));
    }
}

namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// The public procedures of tSQLt V1.1.8738.27883 (release of 2022-02-16, the latest at the time of writing) with their
/// parameters in declaration order, copied by hand from the CREATE PROCEDURE statements of that release's source
/// (github.com/tSQLt-org/tSQLt, commit f75a4ed, Source/*.sql; unchanged in the public signatures up to commit 4a921d0 of
/// December 2024) and the user guide at tsqlt.org. Required means the procedure declares no default. The tSQLt.Private_*
/// procedures are internal and absent on purpose: a test that calls one is reported.
/// A newer tSQLt release that adds a procedure or a parameter means a line here, with the release named above.
/// </summary>
public static class TSqltApi
{
    public const string Release = "tSQLt V1.1.8738.27883";

    private static readonly TSqltProcedure[] _procedures =
    [
        // Test classes and running (Run_Methods.sql, tSQLt.NewTestClass.ssp.sql, tSQLt.DropClass.ssp.sql, ...)
        Procedure("NewTestClass", Mandatory("@ClassName")),
        Procedure("DropClass", Mandatory("@ClassName")),
        Procedure("RenameClass", Mandatory("@SchemaName"), Mandatory("@NewSchemaName")),
        Procedure("Run", Optional("@TestName"), Optional("@TestResultFormatter")),
        Procedure("RunAll"),
        Procedure("RunNew"),
        Procedure("RunC"),
        Procedure("RunTest", Mandatory("@TestName")),
        Procedure("RunTestClass", Mandatory("@TestClassName")),
        Procedure("RunWithXmlResults", Optional("@TestName")),
        Procedure("RunWithNullResults", Optional("@TestName")),
        Procedure("DefaultResultFormatter"),
        Procedure("XmlResultFormatter"),
        Procedure("NullTestResultFormatter"),
        Procedure("SetTestResultFormatter", Mandatory("@Formatter")),
        Procedure("SetSummaryError", Mandatory("@SummaryError")),
        Procedure("SetVerbose", Optional("@Verbose")),
        Procedure("Reset"),
        Procedure("UndoTestDoubles", Optional("@Force")),

        // Isolating dependencies
        Procedure("FakeTable", Mandatory("@TableName"), Obsolete("@SchemaName"), Optional("@Identity"), Optional("@ComputedColumns"), Optional("@Defaults")),
        Procedure("ApplyConstraint", Mandatory("@TableName"), Mandatory("@ConstraintName"), Obsolete("@SchemaName"), Optional("@NoCascade")),
        Procedure("ApplyTrigger", Mandatory("@TableName"), Mandatory("@TriggerName")),
        Procedure("FakeFunction", Mandatory("@FunctionName"), Optional("@FakeFunctionName"), Optional("@FakeDataSource")),
        Procedure("SpyProcedure", Mandatory("@ProcedureName"), Optional("@CommandToExecute"), Optional("@CallOriginal")),
        Procedure("RemoveObject", Mandatory("@ObjectName"), Optional("@NewName"), Optional("@IfExists")),
        Procedure("RemoveObjectIfExists", Mandatory("@ObjectName"), Optional("@NewName")),
        Procedure("SetFakeViewOn", Mandatory("@SchemaName")),
        Procedure("SetFakeViewOff", Mandatory("@SchemaName")),

        // Expectations and assertions
        Procedure(
            "ExpectException",
            Optional("@ExpectedMessage"),
            Optional("@ExpectedSeverity"),
            Optional("@ExpectedState"),
            Optional("@Message"),
            Optional("@ExpectedMessagePattern"),
            Optional("@ExpectedErrorNumber")),
        Procedure("ExpectNoException", Optional("@Message")),
        Procedure("Fail", [.. Enumerable.Range(0, 10).Select(i => Optional($"@Message{i}"))]),
        Procedure("AssertEquals", Mandatory("@Expected"), Mandatory("@Actual"), Optional("@Message")),
        Procedure("AssertNotEquals", Mandatory("@Expected"), Mandatory("@Actual"), Optional("@Message")),
        Procedure("AssertEqualsString", Mandatory("@Expected"), Mandatory("@Actual"), Optional("@Message")),
        Procedure("AssertEqualsTable", Mandatory("@Expected"), Mandatory("@Actual"), Optional("@Message"), Optional("@FailMsg")),
        Procedure("AssertEqualsTableSchema", Mandatory("@Expected"), Mandatory("@Actual"), Optional("@Message")),
        Procedure("AssertEmptyTable", Mandatory("@TableName"), Optional("@Message")),
        Procedure("AssertLike", Mandatory("@ExpectedPattern"), Mandatory("@Actual"), Optional("@Message")),
        Procedure("AssertStringIn", Mandatory("@Expected"), Mandatory("@Actual"), Optional("@Message")),
        Procedure("AssertObjectExists", Mandatory("@ObjectName"), Optional("@Message")),
        Procedure("AssertObjectDoesNotExist", Mandatory("@ObjectName"), Optional("@Message")),
        Procedure("AssertResultSetsHaveSameMetaData", Mandatory("@expectedCommand"), Mandatory("@actualCommand")),

        // Output and CLR helpers (tSQLtCLR_CreateProcs.sql)
        Procedure("ResultSetFilter", Mandatory("@ResultsetNo"), Mandatory("@Command")),
        Procedure("NewConnection", Mandatory("@command")),
        Procedure("CaptureOutput", Mandatory("@command")),
        Procedure("SuppressOutput", Mandatory("@command")),
        Procedure("LogCapturedOutput", Mandatory("@text")),
        Procedure("TableToText", Mandatory("@txt"), Mandatory("@TableName"), Optional("@OrderBy"), Optional("@PrintOnlyColumnNameAliasList")),
        Procedure("GetNewTranName", Mandatory("@TranName")),
        Procedure("StubRecord", Mandatory("@SnTableName"), Mandatory("@BintObjId")),

        // Installation and server preparation
        Procedure("PrepareServer"),
        Procedure("InstallAssemblyKey"),
        Procedure("RemoveAssemblyKey"),
        Procedure("InstallExternalAccessKey"),
        Procedure("RemoveExternalAccessKey"),
        Procedure("EnableExternalAccess", Optional("@try"), Optional("@enable")),
        Procedure("Uninstall"),
    ];

    private static readonly Dictionary<string, TSqltProcedure> _byName =
        _procedures.ToDictionary(procedure => procedure.Name, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<TSqltProcedure> Procedures => _procedures;

    /// <summary>The public procedure of that name (case-insensitive, as on a case-insensitive server), or null.</summary>
    public static TSqltProcedure? Find(string name) => _byName.GetValueOrDefault(name);

    private static TSqltProcedure Procedure(string name, params TSqltParameter[] parameters) => new(name, parameters);

    private static TSqltParameter Mandatory(string name) => TSqltParameter.Mandatory(name);

    private static TSqltParameter Optional(string name) => TSqltParameter.Optional(name);

    private static TSqltParameter Obsolete(string name) => TSqltParameter.Obsolete(name);
}

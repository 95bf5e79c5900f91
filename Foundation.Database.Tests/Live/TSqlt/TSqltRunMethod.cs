namespace Foundation.Database.Tests.Live.TSqlt;

/// <summary>
/// tSQLt's procedures that run many classes in one session: RunAll runs every schema marked as a test class
/// (tSQLt.TestClasses); RunNew only the classes tSQLt.NewTestClass created since tSQLt was installed or reset
/// (tSQLt.Private_NewTestClassList).
/// </summary>
public enum TSqltRunMethod
{
    RunAll,
    RunNew,
}

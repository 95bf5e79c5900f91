namespace Foundation.Database.Tests.Live.TSqlt;

/// <summary>The harness's choices about tSQLt's server preparation.</summary>
public enum PreparationAction
{
    /// <summary>CLR is enabled and the assembly-key login exists: PrepareServer.sql is not run.</summary>
    AlreadyPrepared,

    /// <summary>Not prepared, and the login has CONTROL SERVER: run the release's PrepareServer.sql.</summary>
    RunPrepareServer,

    /// <summary>CLR is enabled but the login cannot see whether the key login exists: install, and explain a CLR failure.</summary>
    InstallUnverified,

    /// <summary>Not prepared and cannot be prepared here: fail with the reason.</summary>
    Refuse,
}

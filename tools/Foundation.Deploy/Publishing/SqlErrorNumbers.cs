namespace Foundation.Deploy.Publishing;

/// <summary>The THROW numbers of the Deploy schema's scripts (range 50300-50399 of the design contract).</summary>
public static class SqlErrorNumbers
{
    /// <summary>Pre-deployment: another deployment holds the deployment lock.</summary>
    public const int LockHeld = 50301;

    /// <summary>Pre-deployment: the database records another release than the one the deployment expects.</summary>
    public const int VersionMismatch = 50302;

    /// <summary>Pre-deployment: a data migration to roll back has no down step.</summary>
    public const int MissingDownStep = 50311;

    /// <summary>Post-deployment: data validation found violations.</summary>
    public const int ValidationFailed = 50320;
}

namespace Foundation.Database.Tests.Live.TSqlt;

/// <summary>
/// What the server says about its readiness for tSQLt's CLR assembly, and what the harness's login may do about it.
/// <see cref="KeyLoginExists"/> is null when the login cannot tell: sys.server_principals shows other logins only to a
/// login with ALTER ANY LOGIN, VIEW ANY DEFINITION (or VIEW ANY SECURITY DEFINITION) or CONTROL SERVER.
/// </summary>
public sealed record ServerReadiness(bool ClrEnabled, bool? KeyLoginExists, bool HasControlServer, string Login)
{
    public bool IsPrepared => ClrEnabled && KeyLoginExists == true;
}

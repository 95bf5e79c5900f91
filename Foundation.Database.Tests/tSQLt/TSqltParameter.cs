namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// One parameter of a public tSQLt procedure, as its CREATE PROCEDURE declares it: required when it has no default;
/// deprecated when tSQLt's documentation says "do not use".
/// </summary>
public sealed record TSqltParameter(string Name, bool Required, bool Deprecated = false)
{
    public static TSqltParameter Mandatory(string name) => new(name, Required: true);

    public static TSqltParameter Optional(string name) => new(name, Required: false);

    public static TSqltParameter Obsolete(string name) => new(name, Required: false, Deprecated: true);
}

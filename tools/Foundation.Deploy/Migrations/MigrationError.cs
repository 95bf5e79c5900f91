namespace Foundation.Deploy.Migrations;

/// <summary>
/// One problem with the migration set, located at a file (and line when known). <see cref="ToString"/> uses the
/// canonical "file(line): error CODE: message" shape so MSBuild shows it as a build error pointing at the file.
/// </summary>
public sealed record MigrationError(string Code, string File, int Line, string Message)
{
    public override string ToString() =>
        Line > 0 ? $"{File}({Line}): error {Code}: {Message}" : $"{File}: error {Code}: {Message}";
}

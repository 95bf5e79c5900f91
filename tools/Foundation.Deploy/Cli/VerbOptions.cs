namespace Foundation.Deploy.Cli;

/// <summary>Options shared by the verbs that talk to a live database.</summary>
public record TargetOptions(string? Connection, string? Database, string Profile);

/// <summary><c>plan</c>: dacpac vs. dacpac (offline) or dacpac vs. a live database.</summary>
public sealed record PlanOptions(
    string? Source,
    string? Baseline,
    string? TargetDacpac,
    bool Live,
    string? Connection,
    string? Database,
    string Profile,
    string? Out,
    IReadOnlyList<string> Variables,
    string? Allowances,
    IReadOnlyList<string> AllowDataLoss,
    IReadOnlyList<string> AllowRebuild,
    bool Rollback,
    bool AllowOtherDatabase = false) : TargetOptions(Connection, Database, Profile);

/// <summary><c>publish</c> and <c>rollback</c>.</summary>
public sealed record PublishOptions(
    string? Dacpac,
    string? Connection,
    string? Database,
    string Profile,
    string? ReleaseVersion,
    IReadOnlyList<string> Variables,
    string? Allowances,
    IReadOnlyList<string> AllowDataLoss,
    IReadOnlyList<string> AllowRebuild,
    bool Force,
    IReadOnlyList<string> Artifacts,
    string? Out,
    string? ExpectReportHash,
    string? ToVersion,
    bool AllowOtherDatabase = false) : TargetOptions(Connection, Database, Profile);

/// <summary><c>history</c>, <c>verify</c> and <c>drift</c>.</summary>
public sealed record InspectOptions(string? Connection, string? Database, string Profile, int Top, string? Dacpac, IReadOnlyList<string> Artifacts, bool AllowOtherDatabase = false)
    : TargetOptions(Connection, Database, Profile);

/// <summary><c>baseline</c>: keep the built dacpac as the released model of a version.</summary>
public sealed record BaselineOptions(string Version, string? Dacpac, bool Force);

/// <summary><c>migrations</c>: validate the migration graph and generate the deploy-script includes (run by the build).</summary>
public sealed record MigrationsOptions(string Directory, string? LockFile, string? Out);

/// <summary><c>schema</c>: write docs/schema.md (tables and an ER diagram) from a dacpac's model.</summary>
public sealed record SchemaOptions(string? Dacpac, string? Out);

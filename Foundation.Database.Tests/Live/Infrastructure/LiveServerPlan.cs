using Foundation.Deploy.Connections;
using Microsoft.Data.SqlClient;

namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>
/// What the live harness will do, decided from the environment alone (no server, no Docker): a pure function, so that
/// the opt-out and every misconfiguration are proven offline (LiveServerPlanTests). Nothing here echoes a connection
/// string: it may hold a password.
/// </summary>
/// <param name="Source">Where the server comes from.</param>
/// <param name="Detail">The skip or failure reason, the master connection string, or the container image.</param>
public sealed record LiveServerPlan(LiveServerSource Source, string Detail)
{
    public const string LiveVariable = "FOUNDATION_LIVE";
    public const string ConnectionVariable = "FOUNDATION_SQL_CONNECTION";
    public const string ImageVariable = "FOUNDATION_SQL_IMAGE";
    public const string DefaultImage = "mcr.microsoft.com/mssql/server:2022-latest";

    /// <summary>The skip reason documented in docs/testing.md ("Switches"): the pipeline's Build stage sets the variable.</summary>
    public const string SwitchedOffReason = "live tests switched off: FOUNDATION_LIVE=off";

    public static LiveServerPlan From(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var live = environment(LiveVariable)?.Trim();
        if (string.Equals(live, "off", StringComparison.OrdinalIgnoreCase))
        {
            return new(LiveServerSource.SwitchedOff, SwitchedOffReason);
        }

        if (!string.IsNullOrEmpty(live) && !string.Equals(live, "on", StringComparison.OrdinalIgnoreCase))
        {
            return new(LiveServerSource.Misconfigured,
                $"{LiveVariable}='{live}' is not understood: set {LiveVariable}=off to switch the live tests off, or leave it unset (or on).");
        }

        var configured = environment(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            var image = environment(ImageVariable);
            return new(LiveServerSource.Container, string.IsNullOrWhiteSpace(image) ? DefaultImage : image.Trim());
        }

        string master;
        try
        {
            master = new SqlConnectionStringBuilder(configured) { InitialCatalog = "master" }.ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // The parser's message names the keyword or position, never the value; the string itself is not repeated.
            return new(LiveServerSource.Misconfigured,
                $"{ConnectionVariable} is not a valid SQL Server connection string ({ex.Message}). Fix it, or unset it to use Docker; the offline tests do not need it.");
        }

        // The live tests deploy through Foundation.Deploy, which enforces the connection policy: refuse here, once, by name.
        if (ConnectionPolicy.FindViolation(master) is { } violation)
        {
            return new(LiveServerSource.Misconfigured,
                $"{ConnectionVariable} is refused by Foundation's connection policy: {violation} (docs/testing.md, \"Live tests on your machine\").");
        }

        return new(LiveServerSource.ExistingServer, master);
    }
}

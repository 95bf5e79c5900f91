namespace Foundation.Database.Tests.Infrastructure;

/// <summary>NuGet's global packages folder, where restore puts packages (NUGET_PACKAGES, else ~/.nuget/packages).</summary>
public static class NuGetPackageFolder
{
    public static string Root =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}

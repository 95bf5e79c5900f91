namespace Foundation.Deploy.Cli;

/// <summary>
/// What is wrong with a path an option gives, or null: empty, not a valid path, too long, a folder where a file is
/// expected or the reverse, missing, or (for something to be written) under a file. Messages name the full path.
/// </summary>
public static class PathChecks
{
    /// <summary>Longest file name component (ext4, NTFS) and path (Linux PATH_MAX) accepted.</summary>
    private const int MaxComponent = 255;
    private const int MaxPath = 4095;

    /// <summary>Errors for an existing-file option, or null.</summary>
    public static string? FileProblem(string? value, string kind = "file") => ExistingProblem(value, folder: false, kind);

    /// <summary>Errors for an existing-folder option, or null.</summary>
    public static string? FolderProblem(string? value) => ExistingProblem(value, folder: true, "folder");

    /// <summary>Errors for a folder (<paramref name="isFolder"/>) or file to be written, or null.</summary>
    public static string? OutputProblem(string? value, bool isFolder)
    {
        if (value is null)
        {
            return null;
        }

        if (PathProblem(value) is { } problem)
        {
            return problem;
        }

        var full = Path.GetFullPath(value);
        if (isFolder && File.Exists(full))
        {
            return $"'{full}' is an existing file; expected a folder.";
        }

        if (!isFolder && Directory.Exists(full))
        {
            return $"'{full}' is a folder; expected a file to write.";
        }

        for (var dir = Path.GetDirectoryName(full); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir))
            {
                return $"'{dir}' is a file, so '{full}' cannot be created under it.";
            }

            if (Directory.Exists(dir))
            {
                break;
            }
        }

        return null;
    }

    private static string? ExistingProblem(string? value, bool folder, string kind)
    {
        if (value is null)
        {
            return null;
        }

        if (PathProblem(value) is { } problem)
        {
            return problem;
        }

        var full = Path.GetFullPath(value);
        return folder && File.Exists(full) ? $"'{full}' is a file; expected a folder."
            : !folder && Directory.Exists(full) ? $"'{full}' is a folder; expected a {kind}."
            : !(folder ? Directory.Exists(full) : File.Exists(full)) ? $"the {kind} '{full}' does not exist."
            : null;
    }

    private static string? PathProblem(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "the value is empty; give a path.";
        }

        string full;
        try
        {
            full = Path.GetFullPath(value);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"'{value}' is not a valid path: {ex.Message}";
        }

        var longest = full.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Max(c => c.Length);
        return full.Length > MaxPath || longest > MaxComponent
            ? $"the path is too long ({full.Length} characters, a name of {longest}; at most {MaxPath} and {MaxComponent}): '{Shorten(full)}'."
            : null;
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..60] + "..." + text[^40..];
}

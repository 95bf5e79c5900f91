using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>
/// A copy of azure-pipelines.yml and .azure-pipelines/ in a temporary folder with one deliberate edit, for showing that
/// a pipeline check fails on a broken pipeline. The edit must find its text exactly once (else the test is not breaking
/// what it says it breaks). Deleted with the object.
/// </summary>
public sealed class BrokenPipelineCopy : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "foundation-pipeline-" + Guid.NewGuid().ToString("N"));

    /// <param name="file">The file to edit, relative to the repository root (azure-pipelines.yml or .azure-pipelines/...).</param>
    /// <param name="text">Text that occurs exactly once in that file.</param>
    /// <param name="replacement">What it becomes.</param>
    public BrokenPipelineCopy(string file, string text, string replacement)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        Directory.CreateDirectory(_folder);
        File.Copy(Path.Combine(RepositoryPaths.Root, "azure-pipelines.yml"), Path.Combine(_folder, "azure-pipelines.yml"));
        var templates = Path.Combine(RepositoryPaths.Root, ".azure-pipelines");
        foreach (var source in Directory.EnumerateFiles(templates, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder, Path.GetRelativePath(RepositoryPaths.Root, source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        var edited = Path.Combine(_folder, file);
        var content = File.ReadAllText(edited);
        var first = content.IndexOf(text, StringComparison.Ordinal);
        if (first < 0 || content.IndexOf(text, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"The edit's text must occur exactly once in {file}: {text}");
        }

        File.WriteAllText(edited, content.Replace(text, replacement, StringComparison.Ordinal));
        try
        {
            Model = PipelineModel.Load(Path.Combine(_folder, "azure-pipelines.yml"));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The broken pipeline, expanded.</summary>
    public PipelineModel Model { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

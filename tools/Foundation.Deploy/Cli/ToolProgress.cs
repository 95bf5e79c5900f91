namespace Foundation.Deploy.Cli;

/// <summary>
/// Where "what am I doing now" lines go: the console of the current command-line invocation (standard error, so standard
/// output stays the report). Held per asynchronous flow (<see cref="AsyncLocal{T}"/>), so classes deep below the verbs
/// (a connection being opened, a retry) report without a console being passed through every call, and two invocations
/// running side by side (tests) never see each other's lines. Outside an invocation, reports go nowhere.
/// </summary>
public static class ToolProgress
{
    private static readonly AsyncLocal<IConsoleOutput?> _current = new();

    /// <summary>Sends this flow's progress to <paramref name="console"/> until the returned scope is disposed.</summary>
    public static IDisposable Use(IConsoleOutput console)
    {
        var previous = _current.Value;
        _current.Value = console;
        return new Scope(() => _current.Value = previous);
    }

    /// <summary>This flow's console (null outside an invocation): capture it for callbacks raised on other threads.</summary>
    public static IConsoleOutput? Current => _current.Value;

    public static void Report(string text) => _current.Value?.WriteProgress(text);

    private sealed class Scope(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}

namespace Foundation.Deploy;

/// <summary>
/// An error the user can act on: the message names the file, option or object at fault, and the exit code
/// says which kind of failure it is. Program prints the message (no stack trace) and returns the code.
/// </summary>
public sealed class DeployToolException : Exception
{
    public DeployToolException(ExitCode exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public DeployToolException(ExitCode exitCode, string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public DeployToolException()
        : this(ExitCode.Failure, "The deployment tool failed.")
    {
    }

    public DeployToolException(string message)
        : this(ExitCode.Failure, message)
    {
    }

    public DeployToolException(string message, Exception innerException)
        : this(ExitCode.Failure, message, innerException)
    {
    }

    public ExitCode ExitCode { get; }

    public static DeployToolException InvalidInput(string message) => new(ExitCode.InvalidInput, message);
}

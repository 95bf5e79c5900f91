namespace Foundation.Bench;

/// <summary>Options of the hidden <c>raw-build</c> verb: build a project folder with raw DacFx into a .dacpac.</summary>
public sealed record RawBuildOptions(string ProjectDirectory, string DacpacPath);

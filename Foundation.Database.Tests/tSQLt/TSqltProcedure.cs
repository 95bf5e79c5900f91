namespace Foundation.Database.Tests.TSqlt;

/// <summary>A public tSQLt procedure and its parameters in declaration order (the order positional arguments fill).</summary>
public sealed record TSqltProcedure(string Name, IReadOnlyList<TSqltParameter> Parameters)
{
    public TSqltParameter? Find(string parameter) =>
        Parameters.FirstOrDefault(candidate => string.Equals(candidate.Name, parameter, StringComparison.OrdinalIgnoreCase));
}

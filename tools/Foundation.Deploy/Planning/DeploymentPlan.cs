namespace Foundation.Deploy.Planning;

/// <summary>A computed plan: DacFx's upgrade script, its XML deploy report, and Foundation's deployment report.</summary>
public sealed record DeploymentPlan(string Script, string DacFxReportXml, DeploymentReport Report);

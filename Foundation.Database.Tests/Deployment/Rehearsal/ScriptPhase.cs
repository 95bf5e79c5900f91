namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>Where a batch of a deploy script belongs.</summary>
public enum ScriptPhase
{
    /// <summary>DacFx's header: SET options, :setvar, USE.</summary>
    Header,

    /// <summary>The project's pre-deployment script.</summary>
    PreDeployment,

    /// <summary>DacFx's schema change (and the tool's batches inside it).</summary>
    Schema,

    /// <summary>The project's post-deployment script.</summary>
    PostDeployment,

    /// <summary>What DacFx appends after the post-deployment script.</summary>
    Trailer,
}

using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>
/// Each pipeline rule fails on a copy of the pipeline broken on purpose (one edit), naming what is wrong; and the
/// readers the rules stand on (shell commands, template expansion) read what bash and Azure Pipelines would.
/// </summary>
public sealed class PipelineRuleTests
{
    private const string Main = "azure-pipelines.yml";
    private const string Release = ".azure-pipelines/release-environment.yml";

    [Fact]
    public void StageOrder_Fails_WhenProductionNoLongerWaitsForTest()
    {
        using var copy = new BrokenPipelineCopy(Main, "      dependsOn: Test\n", "      dependsOn: Archive\n");

        Assert.Contains(new PipelineStructureRules(copy.Model).StageOrder(), v => v.Contains("Stage Production depends on [Archive], not on Test", StringComparison.Ordinal));
    }

    [Fact]
    public void EnvironmentStages_Fails_WhenAnEnvironmentIsDeployedFromTwoStages()
    {
        using var copy = new BrokenPipelineCopy(Release, "'6', '7')))\n        environment: foundation-${{ parameters.environment }}", "'6', '7')))\n        environment: foundation-Test");

        Assert.Contains(new PipelineStructureRules(copy.Model).EnvironmentStages(), v => v.Contains("foundation-Test is deployed from several stages", StringComparison.Ordinal));
    }

    [Fact]
    public void EnvironmentStages_Fails_WhenTheDeployDoesNotWaitForTheReview()
    {
        using var copy = new BrokenPipelineCopy(Release, "dependsOn: [Plan, Review]", "dependsOn: [Plan]");

        Assert.Contains(new PipelineStructureRules(copy.Model).EnvironmentStages(), v => v.Contains("does not wait for both Plan and Review", StringComparison.Ordinal));
    }

    [Fact]
    public void EnvironmentStages_Fails_WhenTheExpectedHashIsNotThePlanJobsReport()
    {
        using var copy = new BrokenPipelineCopy(Release, "expectedReportHash: $[ dependencies.Plan.outputs['plan.reportHash'] ]", "expectedReportHash: $(Build.BuildId)");

        Assert.Contains(new PipelineStructureRules(copy.Model).EnvironmentStages(), v => v.Contains("--expect-report-hash is not the output of the plan job Plan", StringComparison.Ordinal));
    }

    [Fact]
    public void EnvironmentStages_Fails_WithoutTheExclusiveLockOrder()
    {
        using var copy = new BrokenPipelineCopy(Release, "    lockBehavior: sequential\n", string.Empty);

        Assert.Contains(new PipelineStructureRules(copy.Model).EnvironmentStages(), v => v.Contains("no 'lockBehavior: sequential'", StringComparison.Ordinal));
    }

    [Fact]
    public void RollbackCondition_Fails_WhenItRollsBackOnAnyFailure()
    {
        using var copy = new BrokenPipelineCopy(Release, "condition: and(in(dependencies.Apply.result, 'Failed', 'Canceled'), eq(dependencies.Apply.outputs['Apply.started.marker'], 'true'), not(in(dependencies.Apply.outputs['Apply.publish.exitCode'], '3', '4', '5', '6', '7')))", "condition: failed()");

        Assert.Contains(new PipelineStructureRules(copy.Model).RollbackCondition(), v => v.Contains("does not require the started marker", StringComparison.Ordinal));
    }

    [Fact]
    public void RollbackCondition_Fails_WhenTheMarkerIsNotSetImmediatelyBeforeThePublish()
    {
        using var copy = new BrokenPipelineCopy(Release, "                  name: started\n", "                  name: begun\n");

        Assert.Contains(new PipelineStructureRules(copy.Model).RollbackCondition(), v => v.Contains("no step 'started' of Apply sets the output marker=true", StringComparison.Ordinal));
    }

    [Fact]
    public void RollbackCondition_Fails_WhenAGateRefusalWouldStillRollBack()
    {
        using var copy = new BrokenPipelineCopy(Release, "'3', '4', '5', '6', '7'", "'3', '4', '6', '7'");

        Assert.Contains(new PipelineStructureRules(copy.Model).RollbackCondition(), v => v.Contains("excludes the exits 3, 4, 6, 7", StringComparison.Ordinal));
    }

    [Fact]
    public void CommandsInstalled_Fails_WhenAJobCallsSqlcmdWithoutInstallingIt()
    {
        using var copy = new BrokenPipelineCopy(Release, "                - template: steps/install-sqlcmd.yml\n", string.Empty);

        Assert.Contains(new PipelineToolRules(copy.Model, RepositoryPaths.Root).CommandsInstalled(), v => v.Contains("Test.Apply", StringComparison.Ordinal) && v.Contains("runs 'sqlcmd'", StringComparison.Ordinal));
    }

    [Fact]
    public void CommandsInstalled_Fails_WhenAScriptCallsSqlPackage()
    {
        using var copy = new BrokenPipelineCopy(Main, "              mkdir -p \"$(Build.ArtifactStagingDirectory)/dacpac\"\n", "              sqlpackage /Action:Extract\n");

        Assert.Contains(new PipelineToolRules(copy.Model, RepositoryPaths.Root).CommandsInstalled(), v => v.Contains("runs 'sqlpackage'", StringComparison.Ordinal));
    }

    [Fact]
    public void PinnedImage_Fails_OnUbuntuLatest()
    {
        using var copy = new BrokenPipelineCopy(Main, "      - job: Store\n        pool:\n          vmImage: ubuntu-24.04", "      - job: Store\n        pool:\n          vmImage: ubuntu-latest");

        Assert.Contains(new PipelineToolRules(copy.Model, RepositoryPaths.Root).PinnedImage(), v => v.Contains("Archive.Store runs on 'ubuntu-latest'", StringComparison.Ordinal));
    }

    [Fact]
    public void DeployToolOptions_Fails_OnAnOptionTheToolDoesNotDefine()
    {
        using var copy = new BrokenPipelineCopy(Release, "--expect-report-hash \"$EXPECTED_REPORT_HASH\"", "--expected-report-hash \"$EXPECTED_REPORT_HASH\"");

        Assert.Contains(new PipelineToolRules(copy.Model, RepositoryPaths.Root).DeployToolOptions(), v => v.Contains("passes --expected-report-hash to Foundation.Deploy publish", StringComparison.Ordinal));
    }

    [Fact]
    public void PathsExist_Fails_OnAMisspeltScriptPath()
    {
        using var copy = new BrokenPipelineCopy(Release, "-i tools/sql/server/090-VerifyAudit.sql", "-i tools/sql/server/091-VerifyAudit.sql");

        Assert.Contains(new PipelineToolRules(copy.Model, RepositoryPaths.Root).PathsExist(), v => v.Contains("names tools/sql/server/091-VerifyAudit.sql, which is not in the repository", StringComparison.Ordinal));
    }

    [Fact]
    public void PathsExist_Fails_WhenAJobUsesAnArtifactItDidNotDownload()
    {
        using var copy = new BrokenPipelineCopy(".azure-pipelines/steps/release-job-setup.yml", "    artifact: foundation-deploy-tool\n", "    artifact: foundation-deployment-report\n");

        Assert.Contains(new PipelineToolRules(copy.Model, RepositoryPaths.Root).PathsExist(), v => v.Contains("Test.Plan", StringComparison.Ordinal) && v.Contains("foundation-deploy-tool, an artifact the job has not downloaded", StringComparison.Ordinal));
    }

    [Fact]
    public void ArtifactsPublishedFirst_Fails_WhenBuildNoLongerPublishesTheTool()
    {
        using var copy = new BrokenPipelineCopy(Main, "            artifact: foundation-deploy-tool\n", "            artifact: foundation-deploy-tools\n");

        Assert.Contains(new PipelineToolRules(copy.Model, RepositoryPaths.Root).ArtifactsPublishedFirst(), v => v.Contains("downloads the artifact foundation-deploy-tool, which no earlier stage publishes", StringComparison.Ordinal));
    }

    [Fact]
    public void BashSyntax_Fails_OnAnIfWithoutThen()
    {
        Assert.SkipUnless(BashSyntax.IsAvailable, "bash is not installed on this machine.");
        using var copy = new BrokenPipelineCopy(Main, "              elif [ \"$code\" != 0 ]; then\n", "              elif [ \"$code\" != 0 ];\n");

        Assert.Contains(new PipelineScriptRules(copy.Model).BashSyntaxIsValid(), v => v.Contains("Build.Build step 'Deployment report against the previous release' fails bash -n", StringComparison.Ordinal));
    }

    [Fact]
    public void Secrets_Fails_WhenASecretIsExpandedIntoAScript()
    {
        using var copy = new BrokenPipelineCopy(Release, "sqlcmd -S \"$FOUNDATION_SQL_SERVER\" -U \"$FOUNDATION_SQL_USER\" -Nm -l 30 -b -v AuditFilePath", "sqlcmd -S \"$FOUNDATION_SQL_SERVER\" -U \"$FOUNDATION_SQL_USER\" -P \"$(FOUNDATION_SQL_PASSWORD)\" -Nm -l 30 -b -v AuditFilePath");

        Assert.Contains(new PipelineScriptRules(copy.Model).SecretsStayOutOfScripts(), v => v.Contains("expands a secret into its script text", StringComparison.Ordinal));
    }

    [Fact]
    public void Secrets_Fails_WhenAScriptTracesItsCommands()
    {
        using var copy = new BrokenPipelineCopy(Release, "                    set -euo pipefail\n                    sqlcmd -S \"$FOUNDATION_SQL_SERVER\" -U \"$FOUNDATION_SQL_USER\" -Nm -l 30 -b -v AuditFilePath", "                    set -euxo pipefail\n                    sqlcmd -S \"$FOUNDATION_SQL_SERVER\" -U \"$FOUNDATION_SQL_USER\" -Nm -l 30 -b -v AuditFilePath");

        Assert.Contains(new PipelineScriptRules(copy.Model).SecretsStayOutOfScripts(), v => v.Contains("traces its commands", StringComparison.Ordinal));
    }

    [Fact]
    public void GroupVariables_Fails_WhenAValueIsUsedWithoutBeingChecked()
    {
        using var copy = new BrokenPipelineCopy(Release, "FOUNDATION_SQL_DATABASE\n                      FOUNDATION_SQL_USER FOUNDATION_SQL_PASSWORD", "FOUNDATION_SQL_DATABASE\n                      FOUNDATION_SQL_PASSWORD");

        Assert.Contains(new PipelineScriptRules(copy.Model).GroupVariablesCheckedBeforeUse(), v => v.Contains("Production.Apply", StringComparison.Ordinal) && v.Contains("uses FOUNDATION_SQL_USER before any step checks that it is set", StringComparison.Ordinal));
    }

    [Fact]
    public void RequiredVariables_Fails_WhenAJobVariableIsLookedUpByItsOwnSpelling()
    {
        Assert.SkipUnless(BashSyntax.IsAvailable, "bash is not installed on this machine.");
        using var copy = new BrokenPipelineCopy(".azure-pipelines/steps/require-variables.yml", "        value=\"${!variable-}\"\n", "        value=\"${!name-}\"\n");

        Assert.Contains(new PipelineScriptRules(copy.Model).RequiredVariablesFoundAsTheAgentNamesThem(), v => v.Contains("Test.Apply", StringComparison.Ordinal) && v.Contains("fails with every name set as the agent hands it", StringComparison.Ordinal) && v.Contains("expectedReportHash", StringComparison.Ordinal));
    }

    [Fact]
    public void RequiredVariables_Fails_WhenASecretIsCheckedWithoutBeingMapped()
    {
        Assert.SkipUnless(BashSyntax.IsAvailable, "bash is not installed on this machine.");
        using var copy = new BrokenPipelineCopy(Main, "              env:\n                MSSQL_SA_PASSWORD: $(MSSQL_SA_PASSWORD)\n", string.Empty);

        Assert.Contains(new PipelineScriptRules(copy.Model).RequiredVariablesFoundAsTheAgentNamesThem(), v => v.Contains("Verify.Live", StringComparison.Ordinal) && v.Contains("MSSQL_SA_PASSWORD", StringComparison.Ordinal));
    }

    [Fact]
    public void ProtectedResources_Fails_WhenTheSecureFileIsNamedByAMacro()
    {
        using var copy = new BrokenPipelineCopy(Main, "              secureFile: tSQLt.zip\n", "              secureFile: $(tSQLtRelease)\n");

        Assert.Contains(new PipelineStructureRules(copy.Model).ProtectedResourcesNamedAtCompileTime(), v => v.Contains("Verify.Live step 'Download the tSQLt release' names its secure file '$(tSQLtRelease)'", StringComparison.Ordinal));
    }

    [Fact]
    public void ProtectedResources_Fails_WhenTheVariableGroupIsNamedByAMacro()
    {
        using var copy = new BrokenPipelineCopy(Release, "      - group: ${{ parameters.variableGroup }}\n", "      - group: $(variableGroup)\n");

        Assert.Contains(new PipelineStructureRules(copy.Model).ProtectedResourcesNamedAtCompileTime(), v => v.Contains("Stage Test names its variable group '$(variableGroup)'", StringComparison.Ordinal));
    }

    [Fact]
    public void EarlyClosingReader_Fails_WhenSqlcmdsUsageIsPipedIntoHeadUnguarded()
    {
        using var copy = new BrokenPipelineCopy(".azure-pipelines/steps/install-sqlcmd.yml", "      sqlcmd '-?' > \"$(Agent.TempDirectory)/sqlcmd-usage.txt\" 2>&1 || true\n", "      sqlcmd '-?' | head -n 2\n");

        Assert.Contains(new PipelineScriptRules(copy.Model).NoEarlyClosingReaderUnderPipefail(), v => v.Contains("step 'Check that sqlcmd runs' pipes into a reader that may stop early", StringComparison.Ordinal));
    }

    [Fact]
    public void ConnectingSteps_Fails_WhenTheVerifyStepDoesNotMapTheConnection()
    {
        using var copy = new BrokenPipelineCopy(Release, "                  displayName: Validate the data after the rollback\n                  timeoutInMinutes: 15\n                  env:\n                    FOUNDATION_SQL_CONNECTION: $(FOUNDATION_SQL_CONNECTION)", "                  displayName: Validate the data after the rollback\n                  timeoutInMinutes: 15");

        Assert.Contains(new PipelineScriptRules(copy.Model).ConnectingStepsMapTheirSecret(), v => v.Contains("Production.Rollback step 'Validate the data after the rollback' runs Foundation.Deploy against a server but does not map FOUNDATION_SQL_CONNECTION", StringComparison.Ordinal));
    }

    [Fact]
    public void ConnectingSteps_Fails_WhenASqlcmdStepDoesNotMapThePassword()
    {
        using var copy = new BrokenPipelineCopy(Release, "                  timeoutInMinutes: 10\n                  env:\n                    SQLCMDPASSWORD: $(FOUNDATION_SQL_PASSWORD)\n\n                - ${{ if", "                  timeoutInMinutes: 10\n\n                - ${{ if");

        Assert.Contains(new PipelineScriptRules(copy.Model).ConnectingStepsMapTheirSecret(), v => v.Contains("Test.Apply step 'Server-level scripts (audit, SESSION_CONTEXT trace flag, monitoring permission)' runs sqlcmd with -U but does not map SQLCMDPASSWORD", StringComparison.Ordinal));
    }

    [Fact]
    public void JobTimeouts_Fails_WhenTheApplyJobEndsBeforeItsSteps()
    {
        using var copy = new BrokenPipelineCopy(Release, "        timeoutInMinutes: 210\n", "        timeoutInMinutes: 120\n");

        Assert.Contains(new PipelineScriptRules(copy.Model).JobTimeoutsCoverTheirSteps(), v => v.Contains("Production.Apply has timeoutInMinutes 120, less than its steps' 197", StringComparison.Ordinal));
    }

    [Fact]
    public void Timeouts_Fails_WhenThePublishStepHasNone()
    {
        using var copy = new BrokenPipelineCopy(Release, "                  displayName: Publish the reviewed plan to ${{ parameters.environment }}\n                  timeoutInMinutes: 60\n", "                  displayName: Publish the reviewed plan to ${{ parameters.environment }}\n");

        Assert.Contains(new PipelineScriptRules(copy.Model).TimeoutsSet(), v => v.Contains("step 'Publish the reviewed plan to Production' has no timeoutInMinutes", StringComparison.Ordinal));
    }

    [Fact]
    public void BuildIsOffline_Fails_WithoutTheLiveSwitch()
    {
        using var copy = new BrokenPipelineCopy(Main, "          FOUNDATION_LIVE: 'off'\n", string.Empty);

        Assert.Contains(new LiveTestStageRules(copy.Model).BuildIsOffline(), v => v.Contains("Build.Build runs the tests without FOUNDATION_LIVE=off", StringComparison.Ordinal));
    }

    [Fact]
    public void VerifyTestsTheBuiltArtifact_Fails_WhenTheTestsWouldDeployARebuild()
    {
        using var copy = new BrokenPipelineCopy(Main, "              FOUNDATION_DACPAC: $(Pipeline.Workspace)/foundation-dacpac/Foundation.Database.dacpac\n", string.Empty);

        Assert.Contains(new LiveTestStageRules(copy.Model).VerifyTestsTheBuiltArtifact(), v => v.Contains("they would test a rebuild", StringComparison.Ordinal));
    }

    [Fact]
    public void VerifyTestsTheBuiltArtifact_Fails_WithoutTheReadinessWait()
    {
        using var copy = new BrokenPipelineCopy(Main, "              for attempt in $(seq 1 60); do\n", "              while false; do\n");

        Assert.Contains(new LiveTestStageRules(copy.Model).VerifyTestsTheBuiltArtifact(), v => v.Contains("does not wait, before its tests", StringComparison.Ordinal));
    }

    [Fact]
    public void ShellCommands_ReadsCommandsThroughCaseForPipesSudoAndSubstitutions()
    {
        const string script = """
            set -euo pipefail
            for name in A B; do value="${!name-}"; done
            case "$X" in
              SqlServer)
                point=$(sqlcmd -Q "SELECT 1" | head -n 1) ;;
              *) echo "no" > /dev/null 2>&1 ;;
            esac
            curl -fsSL https://example.invalid/key | sudo ACCEPT_EULA=Y gpg --dearmor
            echo "$(Build.ArtifactStagingDirectory)/x" # a macro, not a command
            if ! command -v sqlcmd > /dev/null; then exit 1; fi
            """;

        Assert.Equal(["set", "sqlcmd", "head", "echo", "curl", "sudo", "gpg", "echo", "command", "exit"], ShellCommands.Of(script));
    }

    [Fact]
    public void TemplateExpander_FailsNamingTheTemplate_WhenAParameterIsMissing()
    {
        var error = Assert.Throws<InvalidDataException>(() => new BrokenPipelineCopy(Main, "      variableGroup: foundation-production\n", string.Empty));

        Assert.Contains("release-environment.yml needs the parameter 'variableGroup'", error.Message, StringComparison.Ordinal);
    }
}

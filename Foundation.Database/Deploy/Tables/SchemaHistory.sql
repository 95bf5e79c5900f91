CREATE TABLE [Deploy].[SchemaHistory]
(
    [SchemaHistoryId] BIGINT IDENTITY(1, 1) NOT NULL,
    [DeploymentId] UNIQUEIDENTIFIER NOT NULL,
    [ReleaseVersion] NVARCHAR(64) NOT NULL,
    [DacpacChecksum] VARCHAR(64) NULL,
    [Direction] VARCHAR(10) NOT NULL
        CONSTRAINT [DF_Deploy_SchemaHistory_Direction] DEFAULT ('Deploy'),
    [PreviousVersion] NVARCHAR(64) NULL,
    [DeployedBy] NVARCHAR(128) NOT NULL
        CONSTRAINT [DF_Deploy_SchemaHistory_DeployedBy] DEFAULT (ORIGINAL_LOGIN()),
    [HostName] NVARCHAR(128) NULL
        CONSTRAINT [DF_Deploy_SchemaHistory_HostName] DEFAULT (HOST_NAME()),
    [StartedAt] DATETIME2(7) NOT NULL
        CONSTRAINT [DF_Deploy_SchemaHistory_StartedAt] DEFAULT (SYSUTCDATETIME()),
    [CompletedAt] DATETIME2(7) NULL,
    [DurationMs] AS DATEDIFF_BIG(MILLISECOND, [StartedAt], [CompletedAt]),
    [Outcome] VARCHAR(10) NOT NULL
        CONSTRAINT [DF_Deploy_SchemaHistory_Outcome] DEFAULT ('Running'),
    [ToolVersion] NVARCHAR(128) NULL,
    [ReportHash] VARCHAR(64) NULL,
    [ErrorMessage] NVARCHAR(4000) NULL,
    CONSTRAINT [PK_Deploy_SchemaHistory] PRIMARY KEY CLUSTERED ([SchemaHistoryId]),
    CONSTRAINT [UQ_Deploy_SchemaHistory_DeploymentId] UNIQUE NONCLUSTERED ([DeploymentId]),
    CONSTRAINT [CK_Deploy_SchemaHistory_Direction_Is_Deploy_Or_Rollback] CHECK (
        [Direction] COLLATE Latin1_General_BIN2 IN ('Deploy', 'Rollback')),
    CONSTRAINT [CK_Deploy_SchemaHistory_Outcome_Is_Running_Succeeded_Or_Failed] CHECK (
        [Outcome] COLLATE Latin1_General_BIN2 IN ('Running', 'Succeeded', 'Failed')),
    CONSTRAINT [CK_Deploy_SchemaHistory_Finished_Deployment_Has_CompletedAt] CHECK (
        ([Outcome] = 'Running' AND [CompletedAt] IS NULL) OR ([Outcome] <> 'Running' AND [CompletedAt] >= [StartedAt])),
    CONSTRAINT [CK_Deploy_SchemaHistory_DacpacChecksum_Is_Sha256_Hex] CHECK (
        [DacpacChecksum] IS NULL OR (LEN([DacpacChecksum]) = 64 AND [DacpacChecksum] COLLATE Latin1_General_BIN2 NOT LIKE '%[^0-9a-f]%'))
);
GO

-- "The release this database is at" = the latest succeeded row: one seek.
CREATE NONCLUSTERED INDEX [IX_Deploy_SchemaHistory_Outcome_SchemaHistoryId]
    ON [Deploy].[SchemaHistory] ([Outcome], [SchemaHistoryId] DESC)
    INCLUDE ([ReleaseVersion], [DacpacChecksum]);
GO

EXECUTE sp_addextendedproperty
    @name = N'MS_Description', @value = N'One row per deployment or rollback of the Foundation dacpac, opened by the pre-deployment script (Running) and closed by the post-deployment script (Succeeded) or by the deployment tool (Failed).',
    @level0type = N'SCHEMA', @level0name = N'Deploy', @level1type = N'TABLE', @level1name = N'SchemaHistory';
GO
EXECUTE sp_addextendedproperty
    @name = N'MS_Description', @value = N'SHA-256 (hex) of the dacpac''s model.xml: identifies the exact model deployed, across rebuilds of the same release.',
    @level0type = N'SCHEMA', @level0name = N'Deploy', @level1type = N'TABLE', @level1name = N'SchemaHistory', @level2type = N'COLUMN', @level2name = N'DacpacChecksum';
GO
EXECUTE sp_addextendedproperty
    @name = N'MS_Description', @value = N'SHA-256 of the deployment report the tool generated and gated on (reports/<...>/report.json); NULL when deployed without the tool.',
    @level0type = N'SCHEMA', @level0name = N'Deploy', @level1type = N'TABLE', @level1name = N'SchemaHistory', @level2type = N'COLUMN', @level2name = N'ReportHash';
GO
EXECUTE sp_addextendedproperty
    @name = N'MS_Description', @value = N'The release the database was at when this deployment started (the latest succeeded row before it).',
    @level0type = N'SCHEMA', @level0name = N'Deploy', @level1type = N'TABLE', @level1name = N'SchemaHistory', @level2type = N'COLUMN', @level2name = N'PreviousVersion';

CREATE TABLE [Security].[SessionSeals]
(
    [SessionId] SMALLINT NOT NULL,
    [ContextHash] BINARY(32) NOT NULL,
    [UserId] BIGINT NULL,
    [SealedAt] DATETIME2(7) NOT NULL
        CONSTRAINT [DF_Security_SessionSeals_SealedAt] DEFAULT (SYSUTCDATETIME()),
    -- Added in release 1.1, at the end of the table (an ALTER TABLE ADD, not a rebuild); the defaults describe a seal
    -- that grants nothing beyond its keys. Seals of release 1.0 match no context any more (fn_ContextHash 'v2').
    [Kind] VARCHAR(20) NOT NULL
        CONSTRAINT [DF_Security_SessionSeals_Kind] DEFAULT ('Application'),
    [IsSuperAdmin] BIT NOT NULL
        CONSTRAINT [DF_Security_SessionSeals_IsSuperAdmin] DEFAULT (0),
    [IsSystem] BIT NOT NULL
        CONSTRAINT [DF_Security_SessionSeals_IsSystem] DEFAULT (0),
    [Permissions] VARCHAR(MAX) NOT NULL
        CONSTRAINT [DF_Security_SessionSeals_Permissions] DEFAULT ('|'),
    [AssignableRoleIds] VARCHAR(MAX) NOT NULL
        CONSTRAINT [DF_Security_SessionSeals_AssignableRoleIds] DEFAULT ('|'),
    [CallerPrincipalId] INT NULL,
    CONSTRAINT [PK_Security_SessionSeals] PRIMARY KEY CLUSTERED ([SessionId]),
    CONSTRAINT [CK_Security_SessionSeals_Kind_Is_Application_Reporting_Or_Deployment] CHECK (
        [Kind] COLLATE Latin1_General_BIN2 IN ('Application', 'Reporting', 'Deployment'))
);
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'One row per session that a session procedure set the context of: the SHA-256 of the context it set (including a random nonce), written before the keys are set. The predicates grant access only when the current SESSION_CONTEXT hashes to the seal of this session id, so keys set with sp_set_session_context by anyone else, or half set, grant nothing. No security policy covers it and no principal has any permission on it: the session procedures write it and the predicates read it by ownership chaining.',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'SessionSeals';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'@@SPID of the sealed session; the next seal on the same id replaces the row.',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'SessionSeals',
    @level2type = N'COLUMN', @level2name = N'SessionId';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'HASHBYTES(SHA2_256) of the canonical context, computed by [Security].[fn_ContextHash].',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'SessionSeals',
    @level2type = N'COLUMN', @level2name = N'ContextHash';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'The Foundation user of the session; NULL for a deployment session.',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'SessionSeals',
    @level2type = N'COLUMN', @level2name = N'UserId';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Which procedure set the context: Application ([Security].[usp_SetSessionContext]), Reporting ([Security].[usp_SetReportingSessionContext]) or Deployment ([Security].[usp_SetDeploymentSessionContext]).',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'SessionSeals',
    @level2type = N'COLUMN', @level2name = N'Kind';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'''|code|code|'': the permission codes the session holds, resolved once when it began (no length limit). Read by [Security].[fn_SessionHasPermission].',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'SessionSeals',
    @level2type = N'COLUMN', @level2name = N'Permissions';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'''|id|id|'': the roles the session may assign or revoke (not SuperAdmin; every permission of the role held by the session), resolved once when it began. Read by [Security].[fn_AssignmentPredicate]; ignored for SuperAdmin and deployment sessions, which may delegate every role.',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'SessionSeals',
    @level2type = N'COLUMN', @level2name = N'AssignableRoleIds';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'DATABASE_PRINCIPAL_ID() of the principal that called the session procedure.',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'SessionSeals',
    @level2type = N'COLUMN', @level2name = N'CallerPrincipalId';

CREATE TABLE [Security].[PrivilegedSessions]
(
    [PrivilegedSessionId] BIGINT IDENTITY(1, 1) NOT NULL,
    [Kind] VARCHAR(20) NOT NULL,
    [SessionId] SMALLINT NOT NULL,
    [UserId] BIGINT NULL,
    [LoginName] NVARCHAR(128) NOT NULL,
    [HostName] NVARCHAR(128) NULL,
    [ApplicationName] NVARCHAR(128) NULL,
    [StartedAt] DATETIME2(7) NOT NULL
        CONSTRAINT [DF_Security_PrivilegedSessions_StartedAt] DEFAULT (SYSUTCDATETIME()),
    -- Added in release 1.1, at the end of the table (an ALTER TABLE ADD, not a rebuild); NULL in rows of release 1.0.
    [CallerPrincipalId] INT NULL,
    [CallerPrincipalName] NVARCHAR(128) NULL,
    [IsSuperAdmin] BIT NULL,
    CONSTRAINT [PK_Security_PrivilegedSessions] PRIMARY KEY CLUSTERED ([PrivilegedSessionId]),
    CONSTRAINT [CK_Security_PrivilegedSessions_Kind_Is_SuperAdmin_Deployment_Reporting_Or_NonApplication] CHECK (
        [Kind] COLLATE Latin1_General_BIN2 IN ('SuperAdmin', 'Deployment', 'Reporting', 'NonApplication')),
    CONSTRAINT [CK_Security_PrivilegedSessions_SuperAdmin_Session_Names_Its_User] CHECK (
        [Kind] <> 'SuperAdmin' OR [UserId] IS NOT NULL)
);
GO

CREATE NONCLUSTERED INDEX [IX_Security_PrivilegedSessions_UserId_StartedAt]
    ON [Security].[PrivilegedSessions] ([UserId], [StartedAt]);
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Append-only log of every session context set by a principal other than the application, and of every session that may cross tenants: SuperAdmin (an application session of a SuperAdmin), Deployment, Reporting (a reporting principal''s session) and NonApplication ([Security].[usp_SetSessionContext] called by a principal outside FoundationApplication). Join SessionId and StartedAt with the database audit file (session_id, event_time) to see what each session read and changed. Readable by FoundationSecurityAdmin only.',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'PrivilegedSessions';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'ORIGINAL_LOGIN() of the connection: the server or Entra principal, not the impersonated user.',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'PrivilegedSessions',
    @level2type = N'COLUMN', @level2name = N'LoginName';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'HOST_NAME() and APP_NAME() are supplied by the client: informative, not evidence.',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'PrivilegedSessions',
    @level2type = N'COLUMN', @level2name = N'HostName';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'DATABASE_PRINCIPAL_ID() of the database principal that called the session procedure (recorded by id; CallerPrincipalName is its name at the time, for reading).',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'PrivilegedSessions',
    @level2type = N'COLUMN', @level2name = N'CallerPrincipalId';

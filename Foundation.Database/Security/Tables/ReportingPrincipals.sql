CREATE TABLE [Security].[ReportingPrincipals]
(
    [PrincipalId] INT NOT NULL,
    [PrincipalSid] VARBINARY(85) NOT NULL,
    [PrincipalName] NVARCHAR(128) NOT NULL,
    [UserId] BIGINT NOT NULL,
    [Reason] NVARCHAR(400) NOT NULL,
    [ReviewedBy] NVARCHAR(128) NOT NULL,
    [ReviewedAt] DATETIME2(7) NOT NULL
        CONSTRAINT [DF_Security_ReportingPrincipals_ReviewedAt] DEFAULT (SYSUTCDATETIME()),
    CONSTRAINT [PK_Security_ReportingPrincipals] PRIMARY KEY CLUSTERED ([PrincipalId]),
    CONSTRAINT [UQ_Security_ReportingPrincipals_PrincipalSid] UNIQUE NONCLUSTERED ([PrincipalSid]),
    CONSTRAINT [FK_Security_ReportingPrincipals_UserId_Identity_Users] FOREIGN KEY ([UserId])
        REFERENCES [Identity].[Users] ([UserId]),
    CONSTRAINT [CK_Security_ReportingPrincipals_Reason_Is_Not_Blank] CHECK (LEN([Reason]) > 0),
    CONSTRAINT [CK_Security_ReportingPrincipals_ReviewedBy_Is_Not_Blank] CHECK (LEN([ReviewedBy]) > 0)
);
GO

CREATE NONCLUSTERED INDEX [IX_Security_ReportingPrincipals_UserId]
    ON [Security].[ReportingPrincipals] ([UserId]);
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'The reviewed mapping from a reporting database principal to the Foundation user it reports as: [Security].[usp_SetReportingSessionContext] takes no parameter and gives the calling principal the context of its mapped user, so a reporting connection cannot choose whom it reads as. Written only by db_owner (tools/sql/database/020-ReportingPrincipal.sql), every change audited; readable by FoundationSecurityAdmin for review.',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'ReportingPrincipals';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'DATABASE_PRINCIPAL_ID() of the reporting database user. A principal is recognised by this id and its SID together, never by name, so a user dropped and recreated (or a new user given a freed id) matches no row.',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'ReportingPrincipals',
    @level2type = N'COLUMN', @level2name = N'PrincipalId';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'sys.database_principals.sid of the reporting database user (login SID, Entra object SID, or the random SID of a user without login).',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'ReportingPrincipals',
    @level2type = N'COLUMN', @level2name = N'PrincipalSid';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'The principal''s name when the mapping was reviewed, for reading only; recognition uses PrincipalId and PrincipalSid.',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'ReportingPrincipals',
    @level2type = N'COLUMN', @level2name = N'PrincipalName';

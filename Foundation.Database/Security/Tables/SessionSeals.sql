CREATE TABLE [Security].[SessionSeals]
(
    [SessionId] SMALLINT NOT NULL,
    [ContextHash] BINARY(32) NOT NULL,
    [UserId] BIGINT NULL,
    [SealedAt] DATETIME2(7) NOT NULL
        CONSTRAINT [DF_Security_SessionSeals_SealedAt] DEFAULT (SYSUTCDATETIME()),
    CONSTRAINT [PK_Security_SessionSeals] PRIMARY KEY CLUSTERED ([SessionId])
);
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'One row per session that a trusted procedure set the context of: the SHA-256 of the context it set (including a random nonce). The predicates grant access only when the current SESSION_CONTEXT hashes to the seal of this session id, so keys set with sp_set_session_context by anyone else grant nothing. No principal except the session procedures (by ownership chaining) can read or write it.',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'SessionSeals';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'@@SPID of the sealed session; the next seal on the same id replaces the row.',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'SessionSeals',
    @level2type = N'COLUMN', @level2name = N'SessionId';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'HASHBYTES(SHA2_256) of the canonical context, computed by [Security].[fn_SessionContextHash].',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'SessionSeals',
    @level2type = N'COLUMN', @level2name = N'ContextHash';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'The Foundation user of the session, for operators; NULL for a deployment session.',
    @level0type = N'SCHEMA', @level0name = N'Security', @level1type = N'TABLE', @level1name = N'SessionSeals',
    @level2type = N'COLUMN', @level2name = N'UserId';

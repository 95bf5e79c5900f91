/*
 Sets a resolved session context, for the three session procedures; the one place that writes a seal and sets keys.
 1. Looks at what the session holds ([Security].[fn_SessionContextState]) before touching anything:
      Same     returns: a repeated call is a no-op (the context and its seal stay as they were);
      Other    50205: the session already acts for another user (or kind); its valid context and seal stay intact;
      Unsealed 50200: keys are set but match no seal of this session; only a new or reset connection clears them.
 2. Seals first, in one transaction: replaces this session id's seal with the hash of the values about to be set
    ([Security].[fn_ContextHash], a fresh 32-byte nonce included) and logs the session in
    [Security].[PrivilegedSessions] when @PrivilegedKind is given. If that fails, nothing was set.
 3. Then sets the keys read-only (sp_set_session_context is not transactional, so it cannot join step 2), the nonce
    last. If a key cannot be set (a failure, an attention from the client), the seal belongs to a context that was
    never completed: the keys set so far hash to something else, and the nonce, known only to this procedure until
    its key is set, cannot be supplied by anyone else, so the seal grants nothing. The connection then holds an
    unusable, half-set context (step 1 refuses it with 50200) until it is reset.
 MARS: read-only keys cannot be set while other MARS batches are active on the connection (SESSION_CONTEXT
 (Transact-SQL)); call the session procedure first, alone. No grant: reached by ownership chaining only.
*/
CREATE PROCEDURE [Security].[usp_SealSessionContext]
    @Kind VARCHAR(20),
    @UserId BIGINT,
    @TenantId INT,
    @IsSuperAdmin BIT,
    @IsSystem BIT,
    @Permissions VARCHAR(MAX),
    @AssignableRoleIds VARCHAR(MAX),
    @CallerPrincipalId INT,
    @CallerPrincipalName NVARCHAR(128),
    @PrivilegedKind VARCHAR(20)
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @State VARCHAR(10) = (SELECT [State] FROM [Security].[fn_SessionContextState](@Kind, @UserId));
    IF @State = 'Same'
        RETURN;

    IF @State = 'Other'
        THROW 50205, N'This session already has a valid Foundation session context for another user or purpose; it was left unchanged. Open a new connection (or let the pool reset one) to act for someone else.', 1;

    IF @State = 'Unsealed'
        THROW 50200, N'This session holds Foundation session context keys that match no seal of this session (set by hand, half set, or sealed before a change of [Security].[fn_ContextHash]); they cannot be changed. Use a new or reset connection.', 1;

    DECLARE @Now DATETIME2(7) = SYSUTCDATETIME();
    DECLARE @Nonce VARBINARY(32) = CRYPT_GEN_RANDOM(32);
    DECLARE @Hash BINARY(32) = (
        SELECT [ContextHash] FROM [Security].[fn_ContextHash](@Nonce, @UserId, @TenantId, @IsSuperAdmin, @IsSystem));

    BEGIN TRANSACTION;

    DELETE FROM [Security].[SessionSeals] WHERE [SessionId] = @@SPID;

    INSERT INTO [Security].[SessionSeals]
        ([SessionId], [ContextHash], [UserId], [SealedAt], [Kind], [IsSuperAdmin], [IsSystem], [Permissions], [AssignableRoleIds], [CallerPrincipalId])
    VALUES
        (@@SPID, @Hash, @UserId, @Now, @Kind, @IsSuperAdmin, @IsSystem, @Permissions, @AssignableRoleIds, @CallerPrincipalId);

    IF @PrivilegedKind IS NOT NULL
        INSERT INTO [Security].[PrivilegedSessions]
            ([Kind], [SessionId], [UserId], [LoginName], [HostName], [ApplicationName], [StartedAt], [CallerPrincipalId], [CallerPrincipalName], [IsSuperAdmin])
        VALUES
            (@PrivilegedKind, @@SPID, @UserId, ORIGINAL_LOGIN(), HOST_NAME(), APP_NAME(), @Now, @CallerPrincipalId, @CallerPrincipalName, @IsSuperAdmin);

    COMMIT TRANSACTION;

    -- Keys only after the seal is committed; no UserId or TenantId key for a deployment, which acts for no user.
    IF @UserId IS NOT NULL
        EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.UserId', @Value = @UserId;
    IF @TenantId IS NOT NULL
        EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.TenantId', @Value = @TenantId;
    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.IsSuperAdmin', @Value = @IsSuperAdmin;
    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.IsSystem', @Value = @IsSystem;
    EXECUTE [Security].[usp_SetReadOnlySessionKey] @Key = N'Foundation.SessionNonce', @Value = @Nonce;
END;

-- The only call to sys.sp_set_session_context in the model, so that the build's unresolved-reference suppression
-- (SQL71502: master.dacpac is not referenced) covers five lines and nothing else. Callable only by the session
-- procedures (ownership chaining); granting it to anyone would change nothing, since sp_set_session_context is public.
CREATE PROCEDURE [Security].[usp_SetReadOnlySessionKey]
    @Key NVARCHAR(128),
    @Value SQL_VARIANT
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    EXECUTE [sys].[sp_set_session_context] @key = @Key, @value = @Value, @read_only = 1;
END;

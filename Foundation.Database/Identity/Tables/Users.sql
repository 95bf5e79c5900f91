CREATE TABLE [Identity].[Users]
(
    [UserId] BIGINT IDENTITY(1, 1) NOT NULL,
    [TenantId] INT NOT NULL,
    [Email] NVARCHAR(254) NOT NULL,
    [NormalizedEmail] AS CAST(UPPER(TRIM([Email])) AS NVARCHAR(254)) PERSISTED NOT NULL,
    [PasswordHash] VARCHAR(256) NULL,
    [DisplayName] NVARCHAR(100) NULL,
    [GivenName] NVARCHAR(100) NULL,
    [FamilyName] NVARCHAR(100) NULL,
    [PhoneNumber] VARCHAR(16) NULL,
    [Locale] VARCHAR(35) NULL,
    [TimeZone] VARCHAR(64) NULL,
    [AvatarUrl] NVARCHAR(2048) NULL,
    [Status] VARCHAR(20) NOT NULL
        CONSTRAINT [DF_Identity_Users_Status] DEFAULT ('Pending'),
    [EmailVerifiedAt] DATETIME2(7) NULL,
    [VerificationTokenHash] VARBINARY(32) NULL,
    [VerificationTokenExpiresAt] DATETIME2(7) NULL,
    [FailedSignInCount] INT NOT NULL
        CONSTRAINT [DF_Identity_Users_FailedSignInCount] DEFAULT (0),
    [LockoutEndsAt] DATETIME2(7) NULL,
    [LastSignInAt] DATETIME2(7) NULL,
    [CreatedAt] DATETIME2(7) NOT NULL
        CONSTRAINT [DF_Identity_Users_CreatedAt] DEFAULT (SYSUTCDATETIME()),
    [UpdatedAt] DATETIME2(7) GENERATED ALWAYS AS ROW START NOT NULL,
    [ValidTo] DATETIME2(7) GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
    [RowVersion] ROWVERSION NOT NULL,
    PERIOD FOR SYSTEM_TIME ([UpdatedAt], [ValidTo]),
    CONSTRAINT [PK_Identity_Users] PRIMARY KEY NONCLUSTERED ([UserId]),
    -- Clustered on the tenant: a page of a tenant's users is one range seek, and the RLS predicate on TenantId stays a seek.
    -- Also the target of the (TenantId, UserId) foreign keys that keep a tenant's rows pointing at the same tenant's users.
    CONSTRAINT [UQ_Identity_Users_TenantId_UserId] UNIQUE CLUSTERED ([TenantId], [UserId]),
    CONSTRAINT [UQ_Identity_Users_TenantId_NormalizedEmail] UNIQUE NONCLUSTERED ([TenantId], [NormalizedEmail]),
    CONSTRAINT [FK_Identity_Users_TenantId_Tenancy_Tenants] FOREIGN KEY ([TenantId])
        REFERENCES [Tenancy].[Tenants] ([TenantId]),
    CONSTRAINT [CK_Identity_Users_Email_Is_One_Address_Without_Spaces] CHECK (
        DATALENGTH([Email]) = 2 * LEN([Email])
        AND [Email] LIKE N'_%@_%._%'
        AND [Email] NOT LIKE N'%@%@%'
        AND [Email] NOT LIKE N'%[ ,;:<>()"]%'
        AND [Email] NOT LIKE N'.%'
        AND [Email] NOT LIKE N'%.'
        AND [Email] NOT LIKE N'%..%'
        AND [Email] NOT LIKE N'%.@%'
        AND [Email] NOT LIKE N'%@.%'),
    -- Only the hash formats below can be stored, so a plaintext password can never be. Binary collation: the prefixes are case-sensitive.
    CONSTRAINT [CK_Identity_Users_PasswordHash_Is_Argon2id_Bcrypt_Or_AspNetIdentityV3] CHECK (
        [PasswordHash] IS NULL
        OR (
            -- No trailing spaces: LIKE does not see them, DATALENGTH counts them.
            LEN([PasswordHash]) = DATALENGTH([PasswordHash])
            AND (
                (
                    -- Argon2id, PHC string: $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt, >= 16 bytes>$<hash, >= 32 bytes>, unpadded base64.
                    [PasswordHash] COLLATE Latin1_General_BIN2 LIKE '$argon2id$v=19$m=[1-9]%,t=[1-9]%,p=[1-9]%$%$%'
                    AND [PasswordHash] COLLATE Latin1_General_BIN2 NOT LIKE '%[^A-Za-z0-9$=,+/]%'
                    AND [PasswordHash] NOT LIKE '%$%$%$%$%$%$%'
                    AND [PasswordHash] NOT LIKE '%m=%[^0-9]%,t=%'
                    AND [PasswordHash] NOT LIKE '%,t=%[^0-9]%,p=%'
                    AND [PasswordHash] NOT LIKE '%,p=%[^0-9]%$%$%'
                    AND [PasswordHash] COLLATE Latin1_General_BIN2
                        LIKE '%$' + REPLICATE('[A-Za-z0-9+/]', 22) + '%$' + REPLICATE('[A-Za-z0-9+/]', 43) + '%')
                OR (
                    -- bcrypt (modular crypt): $2a$, $2b$ or $2y$, a two-digit cost 04-31, then 53 characters of bcrypt base64; 60 in all.
                    DATALENGTH([PasswordHash]) = 60
                    AND [PasswordHash] COLLATE Latin1_General_BIN2 LIKE '$2[aby]$[0-3][0-9]$%'
                    AND [PasswordHash] NOT LIKE '$2_$0[0-3]$%'
                    AND [PasswordHash] NOT LIKE '$2_$3[2-9]$%'
                    AND [PasswordHash] COLLATE Latin1_General_BIN2 NOT LIKE '$2_$__$%[^./A-Za-z0-9]%')
                OR (
                    -- ASP.NET Core Identity v3 (PBKDF2): base64 of 0x01, PRF HMAC-SHA256 (AQAAAAE) or HMAC-SHA512 (AQAAAAI),
                    -- iteration count, 16-byte salt and 32-byte subkey: 61 bytes, so 84 characters ending in '=='.
                    DATALENGTH([PasswordHash]) = 84
                    AND [PasswordHash] COLLATE Latin1_General_BIN2 LIKE 'AQAAAA[EI]%=='
                    AND [PasswordHash] COLLATE Latin1_General_BIN2 NOT LIKE '%[^A-Za-z0-9+/=]%'
                    AND [PasswordHash] NOT LIKE '%=%[^=]%')))),
    CONSTRAINT [CK_Identity_Users_DisplayName_Is_Null_Or_Not_Blank] CHECK (LEN([DisplayName]) > 0),
    CONSTRAINT [CK_Identity_Users_GivenName_Is_Null_Or_Not_Blank] CHECK (LEN([GivenName]) > 0),
    CONSTRAINT [CK_Identity_Users_FamilyName_Is_Null_Or_Not_Blank] CHECK (LEN([FamilyName]) > 0),
    CONSTRAINT [CK_Identity_Users_PhoneNumber_Is_E164] CHECK (
        DATALENGTH([PhoneNumber]) BETWEEN 8 AND 16
        AND [PhoneNumber] LIKE '+[1-9]%'
        AND [PhoneNumber] NOT LIKE '+%[^0-9]%'),
    CONSTRAINT [CK_Identity_Users_Locale_Is_A_Bcp47_Tag] CHECK (
        DATALENGTH([Locale]) BETWEEN 2 AND 35
        AND [Locale] COLLATE Latin1_General_BIN2 LIKE '[a-z][a-z]%'
        AND [Locale] COLLATE Latin1_General_BIN2 NOT LIKE '%[^A-Za-z0-9-]%'
        AND [Locale] NOT LIKE '%-'
        AND [Locale] NOT LIKE '%--%'),
    CONSTRAINT [CK_Identity_Users_TimeZone_Is_An_Iana_Name] CHECK (
        DATALENGTH([TimeZone]) BETWEEN 3 AND 64
        AND [TimeZone] COLLATE Latin1_General_BIN2 LIKE '[A-Z]%'
        AND [TimeZone] COLLATE Latin1_General_BIN2 NOT LIKE '%[^A-Za-z0-9/_+-]%'),
    CONSTRAINT [CK_Identity_Users_AvatarUrl_Is_An_Https_Url] CHECK (
        [AvatarUrl] LIKE N'https://_%'
        AND [AvatarUrl] NOT LIKE N'%[ <>"]%'),
    CONSTRAINT [CK_Identity_Users_Status_Is_Pending_Active_Suspended_Locked_Or_Deactivated] CHECK (
        [Status] COLLATE Latin1_General_BIN2 IN ('Pending', 'Active', 'Suspended', 'Locked', 'Deactivated')),
    CONSTRAINT [CK_Identity_Users_VerificationTokenHash_Is_32_Bytes] CHECK (DATALENGTH([VerificationTokenHash]) = 32),
    CONSTRAINT [CK_Identity_Users_VerificationToken_Hash_And_Expiry_Are_Both_Present_Or_Both_Absent] CHECK (
        ([VerificationTokenHash] IS NULL AND [VerificationTokenExpiresAt] IS NULL)
        OR ([VerificationTokenHash] IS NOT NULL AND [VerificationTokenExpiresAt] IS NOT NULL)),
    CONSTRAINT [CK_Identity_Users_FailedSignInCount_Is_Not_Negative] CHECK ([FailedSignInCount] >= 0)
)
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [History].[Users], DATA_CONSISTENCY_CHECK = ON));
GO

EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'A person who signs in to one tenant. The same e-mail address may exist once per tenant. System-versioned: past versions are in [History].[Users].',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'UPPER(TRIM(Email)), computed and persisted; unique per tenant. Look users up by this column, not by Email.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users',
    @level2type = N'COLUMN', @level2name = N'NormalizedEmail';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Password hash in one of three formats, enforced by a CHECK so plaintext cannot be stored: Argon2id PHC string ($argon2id$v=19$m=..,t=..,p=..$salt$hash, salt >= 16 bytes, hash >= 32 bytes); bcrypt $2a$/$2b$/$2y$ with cost 04-31, exactly 60 characters; ASP.NET Core Identity v3 (PBKDF2 with HMAC-SHA256 or HMAC-SHA512, 16-byte salt, 32-byte subkey), 84 base64 characters. NULL only for a user with no local password yet (invited, or signing in through an external identity provider). Old hashes are kept in [History].[Users].',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users',
    @level2type = N'COLUMN', @level2name = N'PasswordHash';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'E.164 number: + then 7 to 15 digits, no spaces.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users',
    @level2type = N'COLUMN', @level2name = N'PhoneNumber';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'BCP 47 language tag, e.g. en, en-GB, zh-Hant-TW.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users',
    @level2type = N'COLUMN', @level2name = N'Locale';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'IANA time zone name, e.g. Europe/Paris, America/Argentina/Buenos_Aires, UTC.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users',
    @level2type = N'COLUMN', @level2name = N'TimeZone';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Pending: invited or signed up, not yet verified. Active: may sign in. Suspended: blocked by an administrator. Locked: blocked by the security rules (see LockoutEndsAt). Deactivated: closed, kept for audit.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users',
    @level2type = N'COLUMN', @level2name = N'Status';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'UTC time the e-mail address was proven; NULL while unverified.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users',
    @level2type = N'COLUMN', @level2name = N'EmailVerifiedAt';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'SHA-256 (32 bytes) of the pending e-mail verification token; the token itself is never stored. Present exactly when VerificationTokenExpiresAt is.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users',
    @level2type = N'COLUMN', @level2name = N'VerificationTokenHash';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'UTC expiry of the pending verification token. Present exactly when VerificationTokenHash is.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users',
    @level2type = N'COLUMN', @level2name = N'VerificationTokenExpiresAt';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'Consecutive failed sign-ins since the last success; reset to 0 on success.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users',
    @level2type = N'COLUMN', @level2name = N'FailedSignInCount';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'UTC end of the current lockout; NULL or in the past when the user is not locked out.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users',
    @level2type = N'COLUMN', @level2name = N'LockoutEndsAt';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'UTC time of the last change: the period start column, set by the engine.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users',
    @level2type = N'COLUMN', @level2name = N'UpdatedAt';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description', @value = N'Period end column (HIDDEN), set by the engine.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users',
    @level2type = N'COLUMN', @level2name = N'ValidTo';
GO
EXECUTE [sys].[sp_addextendedproperty]
    @name = N'MS_Description',
    @value = N'Optimistic concurrency token: an update names the value it read and matches no row when someone else changed the row meanwhile.',
    @level0type = N'SCHEMA', @level0name = N'Identity', @level1type = N'TABLE', @level1name = N'Users',
    @level2type = N'COLUMN', @level2name = N'RowVersion';

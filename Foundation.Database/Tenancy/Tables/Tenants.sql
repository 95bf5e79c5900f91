CREATE TABLE [Tenancy].[Tenants]
(
    [TenantId] INT IDENTITY(1, 1) NOT NULL,
    [Slug] NVARCHAR(63) NOT NULL,
    CONSTRAINT [PK_Tenancy_Tenants] PRIMARY KEY CLUSTERED ([TenantId])
);

CREATE SCHEMA [Deploy] AUTHORIZATION [dbo];
GO

EXECUTE sp_addextendedproperty
    @name = N'MS_Description', @value = N'Deployment bookkeeping: the history of deployments and rollbacks, the data-migration journal and the data-validation checks. Written by the deployment scripts only.',
    @level0type = N'SCHEMA', @level0name = N'Deploy';

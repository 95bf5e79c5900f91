/*
 Post-deployment script: runs after DacFx has applied the schema change.
 Each step is a numbered file included below, run in this order; every step is safe to run again.
   0xx  reference data (seeds) owned by Foundation
*/

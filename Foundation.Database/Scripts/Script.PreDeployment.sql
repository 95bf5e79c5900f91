/*
 Pre-deployment script: runs before DacFx applies the schema change.
 Each step is a numbered file included below; every step must be safe to run again.
*/

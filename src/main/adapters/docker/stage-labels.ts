// Labels that tie a container to the pipeline run and stage that made it, so a crashed run's containers
// can be found and removed later.
export const RUN_LABEL = 'shipdeck.run';
export const STAGE_LABEL = 'shipdeck.stage';

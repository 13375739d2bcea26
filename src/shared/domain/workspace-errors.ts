import { AppError } from '../result';

/** The one wording for a service name that is not in the workspace (app, browser mode and CLI alike). */
export const serviceNotFound = (name: string): AppError =>
  new AppError(
    'NOT_FOUND',
    `There is no service named "${name}".`,
    'Check the name: the service list (or `shipdeck services list`) shows them; add it first if it is new.'
  );

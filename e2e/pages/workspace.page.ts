import { expect, type Locator, type Page } from '@playwright/test';

/** The Workspace screen: services, the add form, environments, path and removal, and the audit log. */
export class WorkspacePage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Workspace', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Workspace', exact: true })).toBeVisible();
  }

  readonly nameInput = () => this.page.getByRole('textbox', { name: 'Service name' });
  readonly pathInput = () => this.page.getByRole('textbox', { name: 'Local repository path' });
  readonly addButton = () => this.page.getByRole('button', { name: 'Add service', exact: true });
  readonly addForm = () => this.page.getByRole('region', { name: 'Add a service' });
  readonly alert = () => this.page.getByRole('alert');
  readonly auditLog = () => this.page.getByRole('table', { name: 'Audit log' });
  readonly serviceCards = () => this.page.getByRole('list', { name: 'Services in the workspace' });
  readonly sidebarServices = () => this.page.getByRole('list', { name: 'Services', exact: true });

  /** The card of one service (its list item is named by the service's heading). */
  readonly card = (service: string): Locator => this.serviceCards().getByRole('listitem', { name: service, exact: true });
  readonly environmentChips = (service: string) => this.card(service).getByRole('list', { name: 'Environments in promotion order' });
  readonly repoPathOf = (service: string) => this.card(service).getByTestId('service-repo-path');
  readonly newPathInput = (service: string) => this.card(service).getByRole('textbox', { name: 'New repository path' });

  async addService(name: string, repoPath: string): Promise<void> {
    await this.nameInput().fill(name);
    await this.pathInput().fill(repoPath);
    await this.addButton().click();
  }

  /** Opens the removal check of a service; returns it so a test can read what it says. */
  async askToRemove(service: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Remove service ${service}`, exact: true }).click();
    const confirmation = this.page.getByRole('group', { name: `Remove ${service} from the workspace?` });
    await expect(confirmation).toBeVisible();
    return confirmation;
  }

  async confirmRemove(service: string): Promise<void> {
    await this.page.getByRole('button', { name: `Remove ${service}`, exact: true }).click();
  }

  async changePath(service: string, repoPath: string): Promise<void> {
    const change = this.page.getByRole('button', { name: `Change repository path of ${service}`, exact: true });
    if (await change.isVisible()) await change.click();
    await this.newPathInput(service).fill(repoPath);
    await this.card(service).getByRole('button', { name: 'Save path', exact: true }).click();
  }
}

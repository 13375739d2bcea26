import { type Page } from '@playwright/test';

/** The Workspace screen: services, the add form, environments and the audit log. */
export class WorkspacePage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Workspace', exact: true }).click();
  }

  readonly nameInput = () => this.page.getByRole('textbox', { name: 'Service name' });
  readonly pathInput = () => this.page.getByRole('textbox', { name: 'Local repository path' });
  readonly addButton = () => this.page.getByRole('button', { name: 'Add service', exact: true });
  readonly addForm = () => this.page.getByRole('region', { name: 'Add a service' });
  readonly alert = () => this.page.getByRole('alert');
  readonly auditLog = () => this.page.getByRole('table', { name: 'Audit log' });

  async addService(name: string, repoPath: string): Promise<void> {
    await this.nameInput().fill(name);
    await this.pathInput().fill(repoPath);
    await this.addButton().click();
  }
}

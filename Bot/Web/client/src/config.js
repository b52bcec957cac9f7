// Configuration page of the channel / group chat tab: there is nothing to choose, so it saves at once with the
// dashboard's URL. Each viewer then signs in with their own Teams SSO token and sees what their role allows.
import { app as teamsApp, pages } from '@microsoft/teams-js';

const note = document.getElementById('note');
teamsApp.initialize().then(() => {
  pages.config.registerOnSaveHandler((save) => {
    const base = `${window.location.origin}/tab/`;
    pages.config.setConfig({ entityId: 'dashboard', contentUrl: base, websiteUrl: base, suggestedDisplayName: '数据看板' })
      .then(() => save.notifySuccess(), (e) => save.notifyFailure(String(e)));
  });
  pages.config.setValidityState(true);
}, () => {
  note.textContent = '请在 Microsoft Teams 中添加此选项卡。Please add this tab in Microsoft Teams.';
});

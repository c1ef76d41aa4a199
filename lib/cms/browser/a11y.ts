/**
 * Fixes for what axe finds serious in Decap CMS 3.16's own screens (tests/browser/cms.test.ts
 * runs axe on the login, collection and editor screens): names for the Markdown editor and the
 * preview frame, and a "现在" button whose English accessible name does not match its text.
 * Colour contrast is fixed in ADMIN_CSS (lib/cms/admin.ts). Decap re-renders often, so a
 * MutationObserver re-applies the attributes.
 */
export function patchAccessibility(doc: Document): void {
  const apply = (): void => {
    for (const box of doc.querySelectorAll<HTMLElement>('[data-slate-editor][role="textbox"]:not([aria-label])')) {
      const field = box.closest('[aria-label$=" field"]');
      const label = field?.querySelector("label")?.textContent?.trim();
      box.setAttribute("aria-label", label || "正文");
    }
    // List items (图片, 附件): the collapse and remove icon buttons and the drag handle.
    for (const button of doc.querySelectorAll<HTMLButtonElement>('button[class*="-TopBarButton"]:not([aria-label])')) {
      if (button.textContent?.trim()) continue;
      const siblings = [...(button.parentElement?.querySelectorAll(':scope > button[class*="-TopBarButton"]') ?? [])];
      button.setAttribute("aria-label", siblings.indexOf(button) === 0 ? "展开或折叠此项" : "删除此项");
    }
    for (const handle of doc.querySelectorAll<HTMLElement>('[aria-roledescription="sortable"]:not([aria-label])')) handle.setAttribute("aria-label", "拖动以调整顺序");
    for (const frame of doc.querySelectorAll<HTMLIFrameElement>("iframe:not([title])")) frame.setAttribute("title", frame.id === "preview-pane" ? "预览" : "内容");
    for (const button of doc.querySelectorAll<HTMLButtonElement>('button[data-testid="now-button"][aria-label]')) {
      if (!button.getAttribute("aria-label")!.includes(button.textContent?.trim() ?? "")) button.setAttribute("aria-label", `${button.textContent?.trim() || "现在"}（设为当前时间）`);
    }
  };
  apply();
  new MutationObserver(apply).observe(doc.documentElement, { childList: true, subtree: true });
}

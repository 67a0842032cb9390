// A link to copy (ui/components/copy_link): the link as text, and a button that copies it.

const BOXES = new WeakMap();

export default function mount(component) {
  const { data, parentElement } = component;
  if (!data || typeof data.link !== "string") return undefined;
  let box = BOXES.get(parentElement);
  if (!box) {
    box = new LinkBox(parentElement);
    BOXES.set(parentElement, box);
  }
  box.update(data);
  return () => {
    box.destroy();
    BOXES.delete(parentElement);
  };
}

class LinkBox {
  constructor(root) {
    this.root = root;
    this.box = document.createElement("div");
    this.box.className = "app-link";
    this.text = document.createElement("code");
    this.text.className = "app-link-text";
    this.button = document.createElement("button");
    this.button.type = "button";
    this.button.className = "app-link-copy";
    this.button.textContent = "Copy link";
    this.status = document.createElement("span");
    this.status.className = "app-sr";
    this.status.setAttribute("role", "status");
    this.button.addEventListener("click", () => this.copy());
    this.box.append(this.text, this.button, this.status);
    root.append(this.box);
    this.timer = null;
  }

  update(data) {
    if (this.text.textContent !== data.link) {
      this.text.textContent = data.link;
      this.status.textContent = "";
    }
    this.button.setAttribute("aria-label", `Copy link: ${data.label || "link"}`);
  }

  copy() {
    const link = this.text.textContent;
    const done = () => this.say("Link copied", "Copied");
    // The clipboard API needs a secure page (https, or this machine); elsewhere the link is
    // selected, so Ctrl+C (Cmd+C) copies it.
    const select = () => {
      const range = document.createRange();
      range.selectNodeContents(this.text);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      let copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (err) {
        copied = false;
      }
      if (copied) done();
      else this.say("The link is selected: press Ctrl+C (Cmd+C on a Mac) to copy it", "Selected");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link).then(done, select);
    } else {
      select();
    }
  }

  say(message, buttonText) {
    this.status.textContent = message;
    this.button.textContent = buttonText;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.button.textContent = "Copy link";
    }, 2000);
  }

  destroy() {
    clearTimeout(this.timer);
    this.root.replaceChildren();
  }
}

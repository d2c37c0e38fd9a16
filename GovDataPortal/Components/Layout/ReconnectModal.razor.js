// Opens and closes the Chinese reconnect dialog as blazor.web.js reports the circuit's connection state.
const modal = document.getElementById("components-reconnect-modal");
modal.addEventListener("components-reconnect-state-changed", onStateChanged);
document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-reload-button").addEventListener("click", () => location.reload());

function onStateChanged(event) {
    switch (event.detail.state) {
        case "show":
            if (!modal.open) modal.showModal();
            break;
        case "hide":
            modal.close();
            break;
        case "failed":
            document.addEventListener("visibilitychange", retryWhenVisible);
            break;
        case "rejected":
            // The server no longer knows this circuit: a fresh page is the quickest way back.
            location.reload();
            break;
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
        // true: reconnected; false: the server answered but dropped the circuit; exception: server unreachable.
        if (!(await Blazor.reconnect())) location.reload();
    } catch {
        document.addEventListener("visibilitychange", retryWhenVisible);
    }
}

async function retryWhenVisible() {
    if (document.visibilityState === "visible") await retry();
}

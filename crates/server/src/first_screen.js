(function () {
  var taps = 0;
  addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#shell[data-screen] button");
    if (!button) return;
    button.setAttribute("data-pressed", ++taps);
    var status = document.getElementById("early-status");
    if (status) status.textContent = status.getAttribute("data-wait");
  });
  window.werkscanTakeover = function (shell) {
    var buttons = [].slice.call(shell.querySelectorAll("button"));
    var isInput = function (element) { return element.tagName == "INPUT"; };
    var words = function (element) { return (isInput(element) ? element.parentNode : element).textContent; };
    var twin = function (element) {
      var text = words(element), id = element.id, place = buttons.indexOf(element);
      return function () {
        var found = isInput(element) ? document.getElementById(id) : document.querySelectorAll("button")[place];
        return found && words(found) === text ? found : null;
      };
    };
    var find = function (twin) { return twin(); };
    var checked = [].map.call(shell.querySelectorAll("input:checked"), twin);
    var pressed = buttons.filter(function (button) { return button.hasAttribute("data-pressed"); })
      .sort(function (a, b) { return a.getAttribute("data-pressed") - b.getAttribute("data-pressed"); })
      .map(twin);
    var active = document.activeElement;
    var focused = active && shell.contains(active) && /^(INPUT|BUTTON)$/.test(active.tagName) ? twin(active) : null;
    var scrolled = scrollY;
    return function () {
      var inputs = checked.map(find), clicks = pressed.map(find), focus = focused && focused();
      inputs.forEach(function (input) { if (input && !input.checked) input.click(); });
      scrollTo(0, scrolled);
      if (focus) focus.focus();
      clicks.forEach(function (button) { if (button) button.click(); });
    };
  };
})();

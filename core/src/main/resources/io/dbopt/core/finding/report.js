(function () {
  'use strict';
  var form = document.getElementById('filters');
  var status = document.getElementById('filter-status');
  var findings = Array.prototype.slice.call(document.querySelectorAll('.report-section .finding'));
  var actions = Array.prototype.slice.call(document.querySelectorAll('.finding.action'));

  function matches(f, severities, section, text) {
    return severities[f.getAttribute('data-severity')] === true
      && (section === '' || f.getAttribute('data-section') === section)
      && (text === '' || f.textContent.toLowerCase().indexOf(text) >= 0);
  }

  function apply() {
    var severities = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[name=severity]'), function (box) {
      severities[box.value] = box.checked;
    });
    var section = document.getElementById('filter-section').value;
    var text = document.getElementById('filter-text').value.trim().toLowerCase();
    var shown = 0;
    findings.forEach(function (f) {
      var ok = matches(f, severities, section, text);
      f.hidden = !ok;
      if (ok) { shown++; }
    });
    actions.forEach(function (f) { f.hidden = !matches(f, severities, section, text); });
    Array.prototype.forEach.call(document.querySelectorAll('.sev-group'), function (g) {
      g.hidden = g.querySelector('.finding:not([hidden])') === null;
    });
    Array.prototype.forEach.call(document.querySelectorAll('.report-section'), function (s) {
      s.hidden = section !== '' && s.getAttribute('data-section') !== section;
      var none = s.querySelector('.none-shown');
      if (none) { none.hidden = s.querySelector('.finding:not([hidden])') !== null; }
    });
    status.textContent = 'Showing ' + shown + ' of ' + findings.length + ' findings';
  }

  if (form) {
    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
    form.addEventListener('submit', function (e) { e.preventDefault(); });
  }

  function copyBySelection(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.top = '0';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand('copy'); } catch (ignored) { done = false; }
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error('the browser refused to copy'));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(text); });
    }
    return copyBySelection(text);
  }

  var announce = document.getElementById('copy-status');
  Array.prototype.forEach.call(document.querySelectorAll('button.copy'), function (button) {
    button.addEventListener('click', function () {
      var code = document.getElementById(button.getAttribute('data-copy'));
      copy(code.textContent).then(function () {
        button.textContent = 'Copied';
        announce.textContent = 'The SQL was copied to the clipboard';
      }, function () {
        var range = document.createRange();
        range.selectNodeContents(code);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        button.textContent = 'Press Ctrl+C';
        announce.textContent = 'The browser did not allow copying; the SQL is selected, press Ctrl+C';
      });
      window.setTimeout(function () { button.textContent = 'Copy'; }, 4000);
    });
  });
}());

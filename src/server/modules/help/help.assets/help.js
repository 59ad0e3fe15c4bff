/* The public "Trova aiuto" page, progressively enhanced. Without this file
   the page still works (plain links and a GET form). With it:
   - the quick-exit button (and Shift pressed three times) replaces this
     page with the neutral site, leaving no entry for it in the history;
   - moving inside the page (search, results, languages) replaces the
     current entry too, so the whole visit is one entry the exit removes;
   - the comune field suggests comuni as she types;
   - opened at the results (#risultati), it moves the focus to their
     heading, so a screen reader starts there too. */
/* global URLSearchParams, FormData */
(function () {
  'use strict';
  var exit = document.getElementById('quick-exit');
  if (!exit) return;
  var target = exit.getAttribute('href');

  function leave() {
    document.title = '';
    document.body.textContent = '';
    window.location.replace(target);
  }
  exit.addEventListener('click', function (event) {
    event.preventDefault();
    leave();
  });

  // Shift three times within a second, with no other key in between.
  var presses = [];
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Shift') {
      presses = [];
      return;
    }
    if (event.repeat) return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 1000; });
    presses.push(now);
    if (presses.length >= 3) leave();
  });
  var hint = document.getElementById('quick-exit-hint');
  if (hint) hint.hidden = false;

  function go(url) {
    window.location.replace(url);
  }
  if (window.location.hash === '#risultati') {
    var results = document.getElementById('risultati');
    if (results) results.focus();
  }
  document.addEventListener('click', function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target && event.target.closest ? event.target.closest('a[data-nav]') : null;
    if (!link) return;
    event.preventDefault();
    go(link.href);
  });

  var form = document.getElementById('search');
  var input = document.getElementById('q');
  var box = document.getElementById('suggestions');
  if (!form || !input || !box) return;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    // As the browser would: the action's path, the fields as the query, the action's #fragment.
    var action = new URL(form.getAttribute('action'), window.location.href);
    action.search = new URLSearchParams(new FormData(form)).toString();
    go(action.href);
  });

  var lang = box.getAttribute('data-lang') || 'it';
  var timer = null;
  var latest = 0;
  function show(items) {
    box.textContent = '';
    if (!items.length) return;
    var label = document.createElement('p');
    label.className = 'visually-hidden';
    label.textContent = box.getAttribute('data-label') || '';
    var list = document.createElement('ul');
    items.forEach(function (c) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.setAttribute('data-nav', '');
      a.href = '/aiuto?comune=' + encodeURIComponent(c.istatCode) + '&lang=' + encodeURIComponent(lang) + '#risultati';
      a.textContent = c.name + (c.nameAlt ? ' / ' + c.nameAlt : '') + ' (' + c.provinceSigla + ')';
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(label);
    box.appendChild(list);
  }
  input.addEventListener('input', function () {
    if (timer) clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) {
      show([]);
      return;
    }
    timer = setTimeout(function () {
      var mine = ++latest;
      fetch('/api/public/comuni?limit=8&q=' + encodeURIComponent(q), { credentials: 'omit', referrerPolicy: 'no-referrer' })
        .then(function (res) { return res.ok ? res.json() : []; })
        .then(function (items) { if (mine === latest) show(items); })
        .catch(function () { /* the form still works without suggestions */ });
    }, 250);
  });
})();

// The review pages' one script (the content security policy allows it alone, by its hash).
// Every page works without it; it adds, on an article page: the entity filter (kept in the URL,
// ?entity=…, so a link reproduces the view), a remembered switch for the entity highlights, and
// outcome ↔ clause highlighting; on the index: sorting by any column, filters, and the search
// across articles, read from the JSON data block the build embedded. Page text only ever
// reaches the page as text (textContent, attribute values), never as markup or code.
(function () {
  'use strict';

  /** localStorage, or nothing when the browser refuses it (file:// in some browsers). */
  function store() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  /** Replaces one query parameter of the page's URL without reloading (the anchor is kept). */
  function setParam(name, value) {
    try {
      var url = new URL(window.location.href);
      if (value) url.searchParams.set(name, value);
      else url.searchParams.delete(name);
      window.history.replaceState(null, '', url.pathname.split('/').pop() + url.search + url.hash);
    } catch (e) {
      // A browser that refuses to change a file: URL: the view works, the link does not keep it.
    }
  }

  function param(name) {
    try {
      return new URL(window.location.href).searchParams.get(name);
    } catch (e) {
      return null;
    }
  }

  // ---- Article page ----------------------------------------------------------------------

  function articlePage() {
    var select = document.getElementById('entity-filter');
    var status = document.getElementById('filter-status');
    var toggle = document.getElementById('toggle-marks');
    if (toggle) {
      var saved = store() && store().getItem('digest-review:marks');
      toggle.disabled = false;
      toggle.checked = saved !== 'off';
      var applyMarks = function () {
        document.body.classList.toggle('plain', !toggle.checked);
      };
      applyMarks();
      toggle.addEventListener('change', function () {
        applyMarks();
        var s = store();
        if (s) s.setItem('digest-review:marks', toggle.checked ? 'on' : 'off');
      });
    }
    if (select) {
      select.disabled = false;
      var apply = function () {
        var chosen = select.value;
        var marks = document.querySelectorAll('mark.ent');
        var items = document.querySelectorAll('.item');
        var sections = document.querySelectorAll('.section');
        document.body.classList.toggle('filtering', chosen !== '');
        for (var i = 0; i < marks.length; i++) marks[i].classList.toggle('chosen', chosen !== '' && marks[i].getAttribute('data-entity') === chosen);
        var shown = 0;
        for (var j = 0; j < items.length; j++) {
          var list = (items[j].getAttribute('data-entities') || '').split(' ');
          var keep = chosen === '' || list.indexOf(chosen) !== -1;
          items[j].hidden = !keep;
          if (keep) shown++;
        }
        for (var k = 0; k < sections.length; k++) {
          var hasItems = sections[k].querySelector('.item') !== null;
          sections[k].hidden = chosen !== '' && (!hasItems || sections[k].querySelector('.item:not([hidden])') === null);
        }
        status.textContent = chosen === '' ? '' : shown + ' item' + (shown === 1 ? '' : 's') + ' mention ' + select.options[select.selectedIndex].getAttribute('data-label');
      };
      select.addEventListener('change', function () {
        apply();
        setParam('entity', select.value);
      });
      var wanted = param('entity');
      if (wanted) {
        for (var o = 0; o < select.options.length; o++) {
          if (select.options[o].value === wanted) {
            select.selectedIndex = o;
            apply();
            break;
          }
        }
      }
    }
    // An outcome and the clause it was read from light up together.
    var outcomes = document.querySelectorAll('.outcomes li[data-clause]');
    for (var n = 0; n < outcomes.length; n++) {
      (function (li) {
        var clause = li.getAttribute('data-clause') && document.getElementById(li.getAttribute('data-clause'));
        if (!clause) return;
        var on = function () {
          clause.classList.add('lit');
          li.classList.add('lit');
        };
        var off = function () {
          clause.classList.remove('lit');
          li.classList.remove('lit');
        };
        li.addEventListener('mouseenter', on);
        li.addEventListener('mouseleave', off);
        li.addEventListener('focusin', on);
        li.addEventListener('focusout', off);
      })(outcomes[n]);
    }
  }

  // ---- Index page: sorting and filters ---------------------------------------------------

  function indexPage() {
    var table = document.getElementById('articles');
    if (!table) return;
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var buttons = table.querySelectorAll('button.sort');
    var sortBy = document.getElementById('sort-by');
    var onlyProblems = document.getElementById('only-problems');
    var onlyLatest = document.getElementById('only-latest');
    var tableStatus = document.getElementById('table-status');
    document.getElementById('table-controls').hidden = false;
    var current = { col: 0, dir: 'asc' };

    function value(row, col) {
      var cell = row.cells[col];
      return cell ? cell.getAttribute('data-v') || '' : '';
    }
    function sort(col, dir) {
      var numeric = buttons[col] && buttons[col].getAttribute('data-numeric') === '1';
      var sign = dir === 'asc' ? 1 : -1;
      rows.sort(function (a, b) {
        var x = value(a, col);
        var y = value(b, col);
        var c = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
        // Ties keep the page's own order (by id), so a sort is the same every time.
        return c * sign || Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order'));
      });
      for (var i = 0; i < rows.length; i++) tbody.appendChild(rows[i]);
      for (var j = 0; j < buttons.length; j++) {
        var th = buttons[j].parentNode;
        if (j === col) th.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : 'descending');
        else th.removeAttribute('aria-sort');
      }
      current = { col: col, dir: dir };
      if (sortBy) sortBy.value = col + ':' + dir;
      setParam('sort', col === 0 && dir === 'asc' ? '' : col + ':' + dir);
    }
    function filter() {
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var hide = (onlyProblems && onlyProblems.checked && rows[i].getAttribute('data-problems') !== '1') || (onlyLatest && onlyLatest.checked && rows[i].getAttribute('data-latest') !== '1');
        rows[i].hidden = hide;
        if (!hide) shown++;
      }
      tableStatus.textContent = shown === rows.length ? '' : 'Showing ' + shown + ' of ' + rows.length + ' articles';
      setParam('only', [onlyProblems && onlyProblems.checked ? 'problems' : '', onlyLatest && onlyLatest.checked ? 'latest' : ''].filter(Boolean).join(','));
    }
    for (var b = 0; b < buttons.length; b++) {
      buttons[b].disabled = false;
      buttons[b].addEventListener('click', function (event) {
        var col = Number(event.currentTarget.getAttribute('data-col'));
        // The first click on a number sorts the largest first.
        var numeric = event.currentTarget.getAttribute('data-numeric') === '1';
        var dir = current.col === col ? (current.dir === 'asc' ? 'desc' : 'asc') : numeric ? 'desc' : 'asc';
        sort(col, dir);
      });
    }
    if (sortBy)
      sortBy.addEventListener('change', function () {
        var parts = sortBy.value.split(':');
        sort(Number(parts[0]), parts[1]);
      });
    if (onlyProblems) onlyProblems.addEventListener('change', filter);
    if (onlyLatest) onlyLatest.addEventListener('change', filter);
    var only = (param('only') || '').split(',');
    if (onlyProblems && only.indexOf('problems') !== -1) onlyProblems.checked = true;
    if (onlyLatest && only.indexOf('latest') !== -1) onlyLatest.checked = true;
    var wanted = /^(\d+):(asc|desc)$/.exec(param('sort') || '');
    if (wanted && Number(wanted[1]) < buttons.length) sort(Number(wanted[1]), wanted[2]);
    else if (sortBy) sortBy.value = '0:asc';
    filter();
  }

  // ---- Index page: search ----------------------------------------------------------------

  /** Lower case, full-width forms folded (NFKC), so "ＡＣＲ２０" finds "ACR20". */
  function fold(text) {
    return String(text || '')
      .normalize('NFKC')
      .toLowerCase();
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs) if (Object.prototype.hasOwnProperty.call(attrs, name)) node.setAttribute(name, attrs[name]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function searchBox() {
    var input = document.getElementById('q');
    var out = document.getElementById('q-results');
    var data = document.getElementById('search-data');
    if (!input || !out || !data) return;
    var index = null;
    var LIMIT = 30;
    input.disabled = false;

    function load() {
      if (index) return index;
      var raw = JSON.parse(data.textContent);
      var href = function (article, anchor) {
        return encodeURIComponent(raw.articles[article].id) + '.html' + (anchor || '');
      };
      var entries = [];
      raw.articles.forEach(function (a, i) {
        entries.push({ group: 'Articles', text: fold([a.id, a.title, a.titleEn, a.topic].join(' ')), label: a.id, detail: a.titleEn || a.title || '', links: [{ href: href(i), text: a.id }] });
      });
      raw.entities.forEach(function (e) {
        var total = e.in.reduce(function (n, x) {
          return n + x.count;
        }, 0);
        entries.push({
          group: 'Entities',
          text: fold([e.id, e.label].concat(e.surfaces).join(' ')),
          label: e.label,
          detail: e.type + ' · ' + e.surfaces.join(', ') + ' · ' + total + ' mention' + (total === 1 ? '' : 's'),
          links: e.in.map(function (x) {
            return { href: encodeURIComponent(raw.articles[x.article].id) + '.html?entity=' + encodeURIComponent(e.id), text: raw.articles[x.article].id + ' (' + x.count + ')' };
          }),
        });
      });
      raw.journals.forEach(function (j, k) {
        var items = raw.items.filter(function (it) {
          return it.journal === k;
        });
        entries.push({
          group: 'Journals',
          text: fold(j),
          label: j,
          detail: items.length + ' item' + (items.length === 1 ? '' : 's'),
          links: items.map(function (it) {
            return { href: href(it.article, '#' + it.at), text: raw.articles[it.article].id + ' ' + it.date };
          }),
        });
      });
      raw.items.forEach(function (it) {
        var journal = it.journal === null ? '' : raw.journals[it.journal];
        entries.push({
          group: 'Items',
          text: fold([it.date, it.title, it.titleEn, journal, it.institution, it.country].concat(it.dois).join(' ')),
          label: raw.articles[it.article].id + ' · ' + it.date,
          detail: [it.title ? '《' + it.title + '》' : '', it.titleEn || '', journal, it.institution || '', it.country || ''].filter(Boolean).join(' · '),
          links: [{ href: href(it.article, '#' + it.at), text: 'item' }],
        });
      });
      raw.references.forEach(function (r) {
        entries.push({ group: 'DOIs', text: fold(r.doi + ' ' + (r.title || '')), label: r.doi, detail: 'in ' + raw.articles[r.article].id + ' [' + r.number + ']' + (r.title ? ' · ' + r.title : ''), links: [{ href: href(r.article, '#ref-' + r.number), text: raw.articles[r.article].id + ' [' + r.number + ']' }] });
      });
      index = entries;
      return index;
    }

    function run() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      out.textContent = '';
      if (words.length === 0) return;
      var groups = {};
      var order = ['Entities', 'Journals', 'DOIs', 'Items', 'Articles'];
      var total = 0;
      load().forEach(function (entry) {
        for (var i = 0; i < words.length; i++) if (entry.text.indexOf(words[i]) === -1) return;
        (groups[entry.group] = groups[entry.group] || []).push(entry);
        total++;
      });
      out.appendChild(el('p', { class: 'q-count' }, total === 0 ? 'Nothing found.' : total + ' found'));
      order.forEach(function (group) {
        var found = groups[group];
        if (!found) return;
        var section = el('section', { class: 'q-group' });
        section.appendChild(el('h3', {}, group + ' (' + found.length + ')'));
        var list = el('ul', {});
        found.slice(0, LIMIT).forEach(function (entry) {
          var li = el('li', {});
          var label = el('strong', {});
          // One place: the label leads there; several (an entity's articles, a journal's items): each is a link.
          if (entry.links.length === 1) label.appendChild(el('a', { href: entry.links[0].href }, entry.label));
          else label.textContent = entry.label;
          li.appendChild(label);
          if (entry.detail) li.appendChild(el('span', { class: 'q-detail' }, ' ' + entry.detail));
          if (entry.links.length > 1) {
            var links = el('span', { class: 'q-links' });
            entry.links.slice(0, 12).forEach(function (link) {
              links.appendChild(el('a', { href: link.href }, link.text));
              links.appendChild(document.createTextNode(' '));
            });
            if (entry.links.length > 12) links.appendChild(el('span', { class: 'muted' }, 'and ' + (entry.links.length - 12) + ' more'));
            li.appendChild(links);
          }
          list.appendChild(li);
        });
        section.appendChild(list);
        if (found.length > LIMIT) section.appendChild(el('p', { class: 'muted' }, 'and ' + (found.length - LIMIT) + ' more: add a word to narrow the search'));
        out.appendChild(section);
      });
    }

    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, 80);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' || event.key === 'Enter') {
        clearTimeout(timer);
        run();
        var first = out.querySelector('a');
        if (!first) return;
        event.preventDefault();
        if (event.key === 'ArrowDown') first.focus();
        else first.click();
      } else if (event.key === 'Escape') {
        input.value = '';
        out.textContent = '';
      }
    });
    out.addEventListener('keydown', function (event) {
      var links = Array.prototype.slice.call(out.querySelectorAll('a'));
      var at = links.indexOf(document.activeElement);
      if (at === -1) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        var next = at + (event.key === 'ArrowDown' ? 1 : -1);
        if (next < 0) input.focus();
        else if (next < links.length) links[next].focus();
      } else if (event.key === 'Escape') {
        input.focus();
      }
    });
    if (param('q')) {
      input.value = param('q');
      run();
    }
  }

  articlePage();
  indexPage();
  searchBox();
})();

// Entity filter of a review page: choosing an entity hides the items that do not mention it
// and emphasises its mentions. The page works without this script; nothing here reads page
// text into code (the content security policy allows this script only, by its hash).
(function () {
  var select = document.getElementById('entity-filter');
  var status = document.getElementById('filter-status');
  if (!select) return;
  select.disabled = false;
  select.addEventListener('change', function () {
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
  });
})();

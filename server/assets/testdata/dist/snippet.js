!function(){var c="__RAMEN_SNIPPET_CONFIG__";window.analytics=[];window.analytics._ramenDestination=c}();

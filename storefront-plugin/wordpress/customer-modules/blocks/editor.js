/* Editor side of the Customer Modules blocks: a server-rendered preview and the block's settings. No build step. */
(function (wp) {
  var el = wp.element.createElement;
  var InspectorControls = wp.blockEditor.InspectorControls;
  var useBlockProps = wp.blockEditor.useBlockProps;
  var PanelBody = wp.components.PanelBody;
  var TextControl = wp.components.TextControl;
  var ServerSideRender = wp.serverSideRender;
  var fields = {
    news: ["locale", "location_id"],
    faq: ["locale", "category"],
    events: ["locale"],
    booking: ["locale", "location"],
    "voucher-shop": ["locale"],
    "top-up": ["locale"],
  };
  Object.keys(fields).forEach(function (name) {
    // Title, icon and attributes come from block.json (registered on the server).
    wp.blocks.registerBlockType("customer-modules/" + name, {
      edit: function (props) {
        return el("div", useBlockProps(),
          el(InspectorControls, null,
            el(PanelBody, { title: "Customer Modules" },
              fields[name].map(function (a) {
                return el(TextControl, { key: a, label: a, value: props.attributes[a] || "", onChange: function (v) { var u = {}; u[a] = v; props.setAttributes(u); } });
              }))),
          el(ServerSideRender, { block: "customer-modules/" + name, attributes: props.attributes }));
      },
      save: function () { return null; },
    });
  });
})(window.wp);
